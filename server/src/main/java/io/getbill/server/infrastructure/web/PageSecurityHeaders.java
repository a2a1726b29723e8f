package io.getbill.server.infrastructure.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;

/**
 * The security headers of every browser page and page redirect (sign-in, consent, account, and the authorization
 * endpoint's redirects), whatever the status:
 * <ul>
 *   <li>{@code X-Frame-Options: DENY} and CSP {@code frame-ancestors 'none'}: no page can be framed, so a user cannot
 *       be tricked into clicking Approve inside another site (RFC 6749 §10.13, RFC 9700 §4.16);</li>
 *   <li>the rest of the CSP: only this origin's stylesheet, no script at all. There is deliberately no
 *       {@code form-action}: Chrome applies it to the redirect that follows a form post (w3c/webappsec-csp#8), which
 *       would block the redirect to the client after consent;</li>
 *   <li>{@code Referrer-Policy: no-referrer}: the page URL (a pending request id) never leaks to the client or
 *       elsewhere; {@code Cache-Control: no-store}: no page with a form token is cached; {@code nosniff}.</li>
 * </ul>
 * No CORS headers are ever sent on these routes: they are for top-level navigation only. A capability declares its
 * pages as a {@link BrowserPages} bean; {@link io.getbill.server.infrastructure.http.BrowserPagesHeadersFilter} applies
 * these headers to every response on them.
 */
public final class PageSecurityHeaders {

    /** The page CSP (the contract's {@code PageContentSecurityPolicy}). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'none'; style-src 'self'; "
            + "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /**
     * The CSP of pages that run this origin's scripts (never inline ones nor another origin's): the same as
     * {@link #CONTENT_SECURITY_POLICY} but {@code script-src 'self'}, {@code img-src data:} for the icons a stylesheet
     * embeds, and {@code connect-src 'self'} so that a page script reads and calls this server only.
     */
    public static final String SCRIPTED_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    private PageSecurityHeaders() {
    }

    /** The page security headers with the given Content-Security-Policy (one of this class's constants). */
    public static void apply(MutableHttpResponse<?> response, String contentSecurityPolicy) {
        MutableHttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.remove(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        headers.remove(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
        headers.remove(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS);
        headers.remove(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS);
        headers.remove(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);
    }
}
