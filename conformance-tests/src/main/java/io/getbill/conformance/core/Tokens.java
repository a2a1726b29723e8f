package io.getbill.conformance.core;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.conformance.config.KitClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Obtains access tokens from the deployment's token endpoint as a partner would (client credentials, HTTP Basic). */
public final class Tokens {

    private final Http http;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public Tokens(Http http) {
        this.http = http;
    }

    /** A client-credentials token request; {@code scope} {@code null} asks for the registered scopes. */
    public Exchange request(KitClient client, String scope) {
        return http.post("/token").basic(client.clientId(), client.secret())
                .form(Forms.of("grant_type", "client_credentials", "scope", scope)).send();
    }

    /** A cached access token of {@code client} for {@code scope}; fails the running check if none is issued. */
    public String access(KitClient client, String scope) {
        String key = client.clientId() + "|" + scope;
        String cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        String token = fresh(client, scope);
        cache.put(key, token);
        return token;
    }

    /** A new access token, never cached (for tokens a check will revoke). */
    public String fresh(KitClient client, String scope) {
        Exchange x = request(client, scope);
        String token = x.status() == 200 ? x.text("/access_token") : null;
        if (token == null) {
            throw new CheckFailure("could not obtain an access token for " + client.clientId() + " (scope " + scope + ")",
                    "HTTP 200 with access_token", x.status() + " " + x.responseBody(), x);
        }
        return token;
    }

    /** A new, unused refresh token of {@code client} (which must hold the refresh_token grant) for {@code scope}. */
    public String refreshToken(KitClient client, String scope) {
        Exchange x = request(client, scope);
        String token = x.status() == 200 ? x.text("/refresh_token") : null;
        if (token == null) {
            throw new CheckFailure("could not obtain a refresh token for " + client.clientId(),
                    "HTTP 200 with refresh_token", x.status() + " " + x.responseBody(), x);
        }
        return token;
    }

    public static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (Exception e) {
            throw new CheckFailure("the access token is not a JWT", "a JWS compact serialization (RFC 9068)", token);
        }
    }
}
