package io.getbill.client.authorization;

import java.io.Serial;
import java.util.Objects;
import java.util.Optional;

/**
 * GetBill sent the browser back with an error instead of a code (RFC 6749 §4.1.2.1), after the callback's
 * {@code state} and {@code iss} were verified: {@code invalid_request}, {@code unauthorized_client},
 * {@code invalid_scope}, {@code unsupported_response_type}, {@code server_error},
 * {@code temporarily_unavailable}, or {@code access_denied} (then it is an {@link AuthorizationDeniedException}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1">RFC 6749 §4.1.2.1</a>
 */
public class AuthorizationErrorException extends AuthorizationResponseException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String error;
    private final String errorDescription;
    private final String errorUri;

    /**
     * @param error            the {@code error} code
     * @param errorDescription {@code error_description}, or {@code null}
     * @param errorUri         {@code error_uri}, or {@code null}
     */
    public AuthorizationErrorException(String error, String errorDescription, String errorUri) {
        super("The authorization request failed: " + Objects.requireNonNull(error, "error")
                + (errorDescription == null ? "" : ": " + errorDescription));
        this.error = error;
        this.errorDescription = errorDescription;
        this.errorUri = errorUri;
    }

    /** The RFC 6749 §4.1.2.1 error code, e.g. {@code invalid_scope}. */
    public String error() {
        return error;
    }

    /** {@code error_description}, if GetBill sent one (for the developer, not the user). */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** {@code error_uri}, if GetBill sent one. */
    public Optional<String> errorUri() {
        return Optional.ofNullable(errorUri);
    }
}
