package io.getbill.server.oauth.protocol;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * RFC 6749 §5.1: every response of the token endpoint — and of revocation and introspection, which carry tokens
 * or facts about them — carries {@code Cache-Control: no-store} and {@code Pragma: no-cache}, whatever its status
 * (success, OAuth error, 405, 415, 429).
 */
@ServerFilter({OAuthEndpoints.TOKEN, OAuthEndpoints.REVOCATION, OAuthEndpoints.INTROSPECTION})
public class OAuthCacheHeadersFilter {

    @ResponseFilter
    public void noStore(MutableHttpResponse<?> response) {
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
    }
}
