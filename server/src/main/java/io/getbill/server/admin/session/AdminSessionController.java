package io.getbill.server.admin.session;

import io.getbill.server.api.AdminSessionApi;
import io.getbill.server.api.model.AdminLoginRequest;
import io.getbill.server.api.model.AdminSession;
import io.getbill.server.api.model.AdminSessionResponse;
import io.getbill.server.api.model.AdminUser;
import io.getbill.server.api.model.CompanyUserRole;
import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.ClientAuthenticationThrottle;
import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.directory.users.CompanyUserRepository;
import io.getbill.server.infrastructure.crypto.PasswordHasher;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.utils.SecurityService;

import java.time.Instant;
import java.util.Optional;

/**
 * Sign-in, the current session and sign-out of the admin API ({@code /admin-api/v1/login}, {@code /session},
 * {@code /logout}).
 *
 * <p>Sign-in answers the same 401 for an unknown email, a wrong password and an inactive user, and spends one bcrypt
 * check in each case (against a fixed hash when the email is unknown), so neither the answer nor its timing tells
 * whether an account exists. Failures are throttled by {@link AdminLoginThrottle} before the password is checked.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminSessionController implements AdminSessionApi {

    /** A cost-12 bcrypt hash of a random password nobody knows: unknown emails cost the same check as known ones. */
    private static final String UNKNOWN_USER_HASH = "$2b$12$sc9XLXQCAHIJxLg7KVssQ.Ff6O/IWnp05pqS9AJVDneujnuS5qKOW";

    private final CompanyUserRepository users;
    private final PasswordHasher passwords;
    private final AdminLoginThrottle throttle;
    private final ClientAuthenticationThrottle addresses;
    private final AdminSessionStore store;
    private final AuditTrail audit;
    private final SecurityService security;

    public AdminSessionController(CompanyUserRepository users, PasswordHasher passwords, AdminLoginThrottle throttle,
                                  ClientAuthenticationThrottle addresses, AdminSessionStore store, AuditTrail audit,
                                  SecurityService security) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.addresses = addresses;
        this.store = store;
        this.audit = audit;
        this.security = security;
    }

    @Override
    public HttpResponse<AdminSessionResponse> adminLogin(AdminLoginRequest body) {
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElseThrow();
        String address = addresses.sourceAddress(request);
        String email = body.getEmail().trim();
        throttle.check(email, address);
        Optional<CompanyUser> found = users.findByEmail(email);
        boolean passwordMatches = passwords.matches(body.getPassword(), found.map(CompanyUser::passwordHash).orElse(UNKNOWN_USER_HASH));
        if (found.isEmpty() || !passwordMatches || !found.get().active()) {
            throttle.recordFailure(email, address);
            audit.record(AuditEvent.Type.ADMIN_SIGN_IN, found.map(CompanyUser::id).orElse(null), AuditEvent.FAILURE,
                    found.isEmpty() ? "unknown_user" : !passwordMatches ? "wrong_password" : "inactive_user",
                    AdminAudit.requestId(), null);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Invalid email or password");
        }
        CompanyUser user = found.get();
        AdminSessionStore.Opened opened = store.open(user);
        audit.record(AuditEvent.Type.ADMIN_SIGN_IN, user.id(), AuditEvent.SUCCESS, user.role(), AdminAudit.requestId(),
                "company=" + user.companyId());
        return HttpResponse.ok(new AdminSessionResponse(false, "Signed in", session(user, opened.csrfToken(), opened.row().expiresAt())))
                .cookie(store.cookie(opened.token()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Override
    public HttpResponse<Void> adminLogout() {
        AdminSessionRow row = currentRow();
        store.close(row);
        audit.record(AuditEvent.Type.ADMIN_SIGN_OUT, row.userId(), AuditEvent.SUCCESS, null, AdminAudit.requestId(),
                "company=" + row.companyId());
        return HttpResponse.<Void>noContent().cookie(store.clearedCookie());
    }

    @Override
    public HttpResponse<AdminSessionResponse> getAdminSession() {
        AdminSessionRow row = currentRow();
        CompanyUser user = users.findById(row.userId())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Admin session missing or expired"));
        return HttpResponse.ok(new AdminSessionResponse(false, "Success", session(user, store.csrfToken(row), row.expiresAt())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private AdminSessionRow currentRow() {
        return security.getAuthentication()
                .map(a -> a.getAttributes().get(AdminSessionRule.ROW))
                .filter(AdminSessionRow.class::isInstance)
                .map(AdminSessionRow.class::cast)
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Admin session missing or expired"));
    }

    private AdminSession session(CompanyUser user, String csrfToken, Instant expiresAt) {
        AdminUser api = new AdminUser(user.id(), user.email(), CompanyUserRole.fromValue(user.role()), user.companyId());
        api.setFirstname(user.firstname());
        api.setLastname(user.lastname());
        return new AdminSession(api, csrfToken, (int) store.settings().getIdleTimeout().toSeconds(), Timestamps.utc(expiresAt));
    }
}
