package io.getbill.server.admin.session;

import io.micronaut.http.HttpMethod;

import java.util.Set;

/** The admin API's paths and which of them are open to whom; the one place these lists live. */
public final class AdminPaths {

    /** Every admin operation lives under this prefix, and the session cookie is scoped to {@link #COOKIE_PATH}. */
    public static final String PREFIX = "/admin-api/";
    public static final String COOKIE_PATH = "/admin-api";
    public static final String LOGIN = "/admin-api/v1/login";
    public static final String LOGOUT = "/admin-api/v1/logout";
    public static final String SESSION = "/admin-api/v1/session";

    /**
     * Operations a {@code member} may use: seeing who is signed in and signing out. Everything else needs the
     * {@code admin} role — members manage nothing through this API.
     */
    static final Set<String> OPEN_TO_MEMBERS = Set.of(LOGOUT, SESSION);

    private AdminPaths() {
    }

    public static boolean isAdmin(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    /** Methods that change state and therefore need the CSRF token (RFC 9110 §9.2.1 safe methods do not). */
    static boolean isUnsafe(HttpMethod method) {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS
                && method != HttpMethod.TRACE;
    }
}
