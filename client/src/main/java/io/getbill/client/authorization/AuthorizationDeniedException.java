package io.getbill.client.authorization;

import java.io.Serial;

/**
 * The user declined to authorize the app ({@code error=access_denied}, RFC 6749 §4.1.2.1). Not a fault: show the
 * user what the app cannot do without access and offer to ask again.
 */
public class AuthorizationDeniedException extends AuthorizationErrorException {
    @Serial
    private static final long serialVersionUID = 1L;

    public static final String ACCESS_DENIED = "access_denied";

    /**
     * @param errorDescription {@code error_description}, or {@code null}
     * @param errorUri         {@code error_uri}, or {@code null}
     */
    public AuthorizationDeniedException(String errorDescription, String errorUri) {
        super(ACCESS_DENIED, errorDescription, errorUri);
    }
}
