package io.getbill.server.admin.dashboard;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions shared by the dashboard's HTTP tests. */
final class DashboardHttp {

    private DashboardHttp() {
    }

    /** The headers every landing, reference and dashboard answer carries (those of the authorization pages). */
    static void assertPageHeaders(HttpResponse<String> response) {
        HttpHeaders h = response.headers();
        assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(null));
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", h.firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(h.firstValue("Access-Control-Allow-Origin").isEmpty());
    }
}
