package io.getbill.server.oauth.authorization;

import io.getbill.server.infrastructure.web.BrowserPages;
import io.getbill.server.infrastructure.web.PageSecurityHeaders;
import io.getbill.server.oauth.protocol.OAuthEndpoints;
import jakarta.inject.Singleton;

/**
 * The authorization endpoint and its pages (sign-in, consent, sign-out, account authorizations, their stylesheet) as
 * {@link BrowserPages}: every response on them, whatever the status, carries the page security headers with the
 * script-free policy, so no page can be framed (RFC 6749 §10.13, RFC 9700 §4.16), cached, or leak its URL as a referrer.
 */
@Singleton
public class AuthorizationPages implements BrowserPages {

    @Override
    public boolean covers(String path) {
        return BrowserPages.within(path, OAuthEndpoints.AUTHORIZATION)
                || OAuthEndpoints.SIGN_IN.equals(path)
                || OAuthEndpoints.SIGN_OUT.equals(path)
                || BrowserPages.within(path, OAuthEndpoints.ACCOUNT_AUTHORIZATIONS)
                || OAuthEndpoints.PAGE_STYLESHEET.equals(path);
    }

    @Override
    public String contentSecurityPolicy() {
        return PageSecurityHeaders.CONTENT_SECURITY_POLICY;
    }
}
