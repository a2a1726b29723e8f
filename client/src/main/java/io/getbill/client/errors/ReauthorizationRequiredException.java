package io.getbill.client.errors;

import java.io.IOException;
import java.util.Optional;

/**
 * A client acting for a user can no longer get an access token for that user: the user must go through the
 * authorization code flow again ({@code AuthorizationCodeFlow.start}).
 *
 * <p>It is raised when the user's access token is due for renewal and
 * <ul>
 *   <li>the refresh was refused ({@link #error()} is usually {@code invalid_grant}: the refresh token expired,
 *       was revoked — the user withdrew their consent — or its family was revoked after a replay), or</li>
 *   <li>the refresh was sent but its answer was lost (a timeout, a dropped connection): the refresh token is
 *       spent either way, since GetBill rotates refresh tokens and revokes the family when a used one comes back
 *       (RFC 9700 §4.14.2); {@link #getCause()} is the {@code IOException}; or</li>
 *   <li>no refresh token was issued (the client is not registered with the {@code refresh_token} grant).</li>
 * </ul>
 *
 * <p>Unlike a client acting for itself, which falls back to a client-credentials grant, a client acting for a user
 * has no grant of its own to fall back to: a public client has none at all, and a confidential client's own token
 * would act for the company rather than the user. It extends {@link TokenRequestException}, so a generated API
 * call that needed the token throws it from the very method called.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6</a>
 */
public class ReauthorizationRequiredException extends TokenRequestException {
    private static final long serialVersionUID = 1L;

    private ReauthorizationRequiredException(int status, String error, String description, String requestId,
                                             java.net.http.HttpHeaders headers, String body, String why, Throwable cause) {
        super(status, error, description, requestId, headers, body,
                "The user must authorize again: " + why, cause);
    }

    /** The token endpoint refused the user's refresh token. */
    public static ReauthorizationRequiredException refused(TokenRequestException refusal) {
        return new ReauthorizationRequiredException(refusal.status(), refusal.error().orElse(null),
                refusal.errorDescription().orElse(null), refusal.requestId().orElse(null),
                refusal.getResponseHeaders(), refusal.getResponseBody(),
                "the refresh was refused (HTTP " + refusal.status() + refusal.error().map(e -> " " + e).orElse("") + ")",
                refusal);
    }

    /** The refresh was sent but no answer came back; the refresh token is spent. */
    public static ReauthorizationRequiredException lost(IOException failure) {
        return new ReauthorizationRequiredException(0, null, null, null, null, null,
                "the refresh got no answer (" + failure.getClass().getSimpleName() + ") and a refresh token is never "
                        + "sent twice", failure);
    }

    /** The access token is due for renewal and no refresh token was issued with it. */
    public static ReauthorizationRequiredException noRefreshToken() {
        return new ReauthorizationRequiredException(0, null, null, null, null, null,
                "the access token expired and no refresh token is left", null);
    }

    /** Whether the token endpoint answered (and refused); {@code false} when the answer was lost or nothing was sent. */
    public boolean refusedByServer() {
        return status() != 0;
    }

    /** {@code Retry-After} is never set: waiting does not help, the user must authorize again. */
    @Override
    public Optional<java.time.Duration> retryAfter() {
        return Optional.empty();
    }
}
