package io.getbill.server.admin.session;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;

/**
 * The company user on whose behalf the current admin request runs, as established by the session cookie. By the time
 * an admin controller runs, {@link AdminSessionRule} has checked the session, the {@code admin} role (except on the
 * operations open to members) and the CSRF token; a controller only scopes everything by {@link #companyId()}.
 */
@Singleton
public class AdminCaller {

    static final String SESSION_ID = "getbill.admin.session_id";
    static final String USER_ID = "getbill.admin.user_id";
    static final String COMPANY_ID = "getbill.admin.company_id";
    static final String EMAIL = "getbill.admin.email";
    static final String ROLE = "getbill.admin.role";
    static final String ACTIVE = "getbill.admin.active";

    private final SecurityService security;

    public AdminCaller(SecurityService security) {
        this.security = security;
    }

    /** The company every admin operation of this request is scoped to. */
    public String companyId() {
        return attribute(COMPANY_ID);
    }

    public String userId() {
        return attribute(USER_ID);
    }

    public String email() {
        return attribute(EMAIL);
    }

    /** {@code admin} or {@code member}. */
    public String role() {
        return attribute(ROLE);
    }

    private String attribute(String name) {
        Authentication authentication = security.getAuthentication()
                .filter(a -> a.getAttributes().containsKey(SESSION_ID))
                .orElseThrow(() -> new IllegalStateException("No admin session on this request"));
        return (String) authentication.getAttributes().get(name);
    }
}
