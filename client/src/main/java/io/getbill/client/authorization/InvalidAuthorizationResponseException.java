package io.getbill.client.authorization;

import java.io.Serial;

/**
 * A callback the app must not act on: its {@code state} is not the one the app sent (a forged or crossed
 * request, RFC 6749 §10.12), its {@code iss} is missing or names another authorization server (a mix-up attack,
 * RFC 9207 §2.4), or it is malformed (a repeated parameter, neither {@code code} nor {@code error}). The user
 * should be told that sign-in failed and start again; nothing in the callback is trustworthy, so no error code
 * or description from it is kept.
 */
public class InvalidAuthorizationResponseException extends AuthorizationResponseException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What was wrong with the callback. */
    public enum Reason {
        /** {@code state} missing or not equal, byte for byte, to the pending request's. */
        STATE_MISMATCH,
        /** {@code iss} missing where the server promised it, or not equal to the issuer. */
        ISSUER_MISMATCH,
        /** A parameter repeated, or neither a {@code code} nor an {@code error}. */
        MALFORMED
    }

    private final Reason reason;

    public InvalidAuthorizationResponseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }
}
