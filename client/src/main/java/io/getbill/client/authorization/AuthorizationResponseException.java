package io.getbill.client.authorization;

import java.io.Serial;

/**
 * The browser came back from the authorization endpoint without a code the app may redeem: either GetBill
 * answered with an error ({@link AuthorizationErrorException}, {@link AuthorizationDeniedException}), or the
 * callback cannot be trusted ({@link InvalidAuthorizationResponseException}). Nothing was sent to the token
 * endpoint. The message never contains the state, the verifier or a code.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749 §4.1.2</a>
 */
public abstract class AuthorizationResponseException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    protected AuthorizationResponseException(String message) {
        super(message);
    }
}
