package io.getbill.client.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token, the refresh token issued with it (if any), the granted scope and the token's lifetime,
 * as kept by {@link TokenManager} and handed to a {@link TokenCache}. Immutable.
 *
 * <p>{@link #toString()} shows the scope and the times, never a token.
 */
public final class IssuedTokens {
    private final String accessToken;
    private final String refreshToken;
    private final String scope;
    private final Instant issuedAt;
    private final Instant expiresAt;

    /**
     * @param accessToken  the access token (a JWT, but the client treats it as opaque)
     * @param refreshToken the refresh token, or {@code null} when none was issued
     * @param scope        the granted scopes, space-separated (may be empty)
     * @param issuedAt     when the token request was sent
     * @param expiresAt    {@code issuedAt + expires_in}
     */
    public IssuedTokens(String accessToken, String refreshToken, String scope, Instant issuedAt, Instant expiresAt) {
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = refreshToken;
        this.scope = scope == null ? "" : scope;
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The access token, for the {@code Authorization: Bearer} header. */
    public String accessToken() {
        return accessToken;
    }

    /** The refresh token issued with the access token; single use. */
    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /** The granted scopes, space-separated. */
    public String scope() {
        return scope;
    }

    /** When the token request was sent. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** When the access token expires. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * Whether the access token may still be sent at {@code now}: before {@code expiresAt} minus the skew.
     * The skew is capped at half the token's lifetime, so a short-lived token is not renewed on every use.
     */
    public boolean isFreshAt(Instant now, Duration skew) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        Duration margin = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(2);
        if (skew.compareTo(margin) < 0) {
            margin = skew;
        }
        return now.isBefore(expiresAt.minus(margin));
    }

    /** The same access token without the refresh token (once the refresh token has been presented). */
    public IssuedTokens withoutRefreshToken() {
        return new IssuedTokens(accessToken, null, scope, issuedAt, expiresAt);
    }

    /** The same tokens with the access token marked unusable (the server refused it). */
    public IssuedTokens withAccessTokenRejected() {
        return new IssuedTokens(accessToken, refreshToken, scope, issuedAt, issuedAt);
    }

    @Override
    public String toString() {
        return "IssuedTokens[accessToken=<redacted>, refreshToken=" + (refreshToken == null ? "none" : "<redacted>")
                + ", scope=" + scope + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
