package io.getbill.server.testsupport;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

/**
 * Signs in to the admin API over real HTTP, as a browser would, and sends admin requests with the session cookie and
 * (on unsafe methods) the CSRF token. Paths are relative to {@code /admin-api/v1}, e.g. {@code get("/session")}.
 */
public final class AdminSessions {

    public static final String V1 = "/admin-api/v1";
    public static final String COOKIE = "getbill_admin_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /** Acme's admin and member users of the test bootstrap file. */
    public static final String ACME_ADMIN = "admin@acme.example";
    public static final String ACME_ADMIN_PASSWORD = "acme-admin-password-1";
    public static final String ACME_MEMBER = "member@acme.example";
    public static final String ACME_MEMBER_PASSWORD = "acme-member-password-1";
    /** Beta Collections' admin user. */
    public static final String BETA_ADMIN = "admin@beta.example";
    public static final String BETA_ADMIN_PASSWORD = "beta-admin-password-1";

    private AdminSessions() {
    }

    /** JSON text of a body made of maps, lists, strings, numbers, booleans (test bodies only). */
    public static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                write(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "" : ",");
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            out.append('"');
            for (char c : value.toString().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    /** The raw login answer (any status). */
    public static Response loginResponse(String baseUrl, String email, String password) {
        return Tokens.at(baseUrl).contentType(ContentType.JSON)
                .body(json(Map.of("email", email, "password", password)))
                .post(V1 + "/login");
    }

    /** Signs in; fails the test unless the server answers 200 with a session cookie and a CSRF token. */
    public static Session login(String baseUrl, String email, String password) {
        Response response = loginResponse(baseUrl, email, password);
        if (response.statusCode() != 200) {
            throw new AssertionError("admin login of " + email + " answered " + response.statusCode() + ": " + response.asString());
        }
        String cookie = response.getCookie(COOKIE);
        String csrf = response.path("data.csrf_token");
        if (cookie == null || cookie.isEmpty() || csrf == null) {
            throw new AssertionError("admin login of " + email + " set no session cookie or CSRF token");
        }
        return new Session(baseUrl, cookie, csrf, response.path("data.user.company_id"), response.path("data.user.id"));
    }

    /** A signed-in admin session: the cookie value, the CSRF token and helpers that send both. */
    public record Session(String baseUrl, String cookieValue, String csrfToken, String companyId, String userId) {

        /** The {@code Cookie} request header value that carries the session. */
        public String cookieHeader() {
            return COOKIE + "=" + cookieValue;
        }

        /** A request with the session cookie only (no CSRF token). */
        public RequestSpecification withCookie() {
            return Tokens.at(baseUrl).header("Cookie", cookieHeader());
        }

        /** A request with the session cookie and the CSRF token. */
        public RequestSpecification request() {
            return withCookie().header(CSRF_HEADER, csrfToken);
        }

        public Response get(String path) {
            return withCookie().get(V1 + path);
        }

        public Response post(String path, Object body) {
            return json(body).post(V1 + path);
        }

        /** A POST without a body (declared as JSON, as the admin operations consume JSON). */
        public Response post(String path) {
            return request().contentType(ContentType.JSON).post(V1 + path);
        }

        public Response put(String path, Object body) {
            return json(body).put(V1 + path);
        }

        public Response patch(String path, Object body) {
            return json(body).patch(V1 + path);
        }

        public Response delete(String path) {
            return request().delete(V1 + path);
        }

        private RequestSpecification json(Object body) {
            RequestSpecification spec = request().contentType(ContentType.JSON);
            return spec.body(body instanceof String s ? s : AdminSessions.json(body));
        }

        @Override
        public String toString() {
            return "Session{companyId=" + companyId + ", userId=" + userId + "}";
        }
    }
}
