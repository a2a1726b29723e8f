package io.getbill.server.oauth.protocol;

import io.getbill.server.infrastructure.web.PageSecurityHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The {@link PageSecurityHeaders page security headers} on every response of the authorization endpoint and its
 * pages, whatever the status: no page can be framed (RFC 6749 §10.13, RFC 9700 §4.16),
 * cached, or leak its URL as a referrer.
 */
@ServerFilter({OAuthEndpoints.AUTHORIZATION, OAuthEndpoints.PAGES_PATTERN_AUTHORIZATION, OAuthEndpoints.SIGN_IN,
        OAuthEndpoints.SIGN_OUT, OAuthEndpoints.ACCOUNT_AUTHORIZATIONS, OAuthEndpoints.PAGES_PATTERN_ACCOUNT,
        OAuthEndpoints.PAGE_STYLESHEET})
public class AuthorizationPagesHeadersFilter {

    @ResponseFilter
    public void pageHeaders(MutableHttpResponse<?> response) {
        PageSecurityHeaders.apply(response);
    }
}
