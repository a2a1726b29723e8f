package io.getbill.server.infrastructure.web;

/**
 * The browser pages of a capability that serves them outside the packages that hold filters: a bean of this type
 * names its paths and their Content-Security-Policy, and
 * {@link io.getbill.server.infrastructure.http.BrowserPagesHeadersFilter} applies the {@link PageSecurityHeaders page
 * security headers} to every response on them, whatever the status.
 */
public interface BrowserPages {

    /** Whether the request path (without query) is one of these pages, their assets or their redirects. */
    boolean covers(String path);

    /** The Content-Security-Policy of these pages: one of {@link PageSecurityHeaders}' constants. */
    String contentSecurityPolicy();

    /** Whether {@code path} is {@code root} or lies under it. */
    static boolean within(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
