package io.getbill.server.admin.dashboard;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The security headers of the landing page, the API reference page and every dashboard page, asset and redirect —
 * those of the authorization pages ({@link io.getbill.server.infrastructure.web.PageSecurityHeadersFilter}) with one
 * difference: scripts of this origin run (the copy button, Swagger UI), never inline ones or another origin's.
 * {@code img-src data:} is for the icons Swagger UI's stylesheet embeds; {@code connect-src 'self'} lets it read
 * {@code /openapi.yaml} and call the API of this server only.
 */
@ServerFilter({"/", "/docs", "/docs/**", "/dashboard", "/dashboard/**"})
public class DashboardPageHeaders {

    /** The dashboard's Content-Security-Policy. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    @ResponseFilter
    public void pageHeaders(MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
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
