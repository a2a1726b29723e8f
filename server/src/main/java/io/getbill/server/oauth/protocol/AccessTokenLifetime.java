package io.getbill.server.oauth.protocol;

/**
 * How long an access token lives: one hour, as the public API documents ({@code expires_in}, RFC 6749 §5.1). The
 * issuer stamps it into {@code exp}; the signing keys and the denylist keep their entries this long past a token's
 * issue, after which the token has expired anyway.
 */
public final class AccessTokenLifetime {

    public static final int SECONDS = 3600;

    private AccessTokenLifetime() {
    }
}
