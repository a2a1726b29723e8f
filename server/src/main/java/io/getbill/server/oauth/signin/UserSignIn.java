package io.getbill.server.oauth.signin;

import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.directory.users.CompanyUserRepository;
import io.getbill.server.infrastructure.crypto.PasswordHasher;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Checks a company user's email and password for the sign-in page, with the admin sign-in's throttle (failures per
 * email and per address, 429 once over) and its constant-cost check: an unknown email costs the same bcrypt
 * verification as a known one, and an unknown email, a wrong password and an inactive user are one answer.
 */
@Singleton
public class UserSignIn {

    /** A cost-12 bcrypt hash of a random password nobody knows (as in the admin sign-in). */
    private static final String UNKNOWN_USER_HASH = "$2b$12$sc9XLXQCAHIJxLg7KVssQ.Ff6O/IWnp05pqS9AJVDneujnuS5qKOW";
    private static final int MAX_PASSWORD = 1024;

    private final CompanyUserRepository users;
    private final PasswordHasher passwords;
    private final SignInThrottle throttle;
    private final AuditTrail audit;

    public UserSignIn(CompanyUserRepository users, PasswordHasher passwords, SignInThrottle throttle, AuditTrail audit) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * The user of {@code email} when {@code password} is theirs and they are active.
     *
     * @throws io.getbill.server.infrastructure.errors.ApiException 429 with {@code Retry-After} when the email or address is throttled
     */
    public Optional<CompanyUser> check(String email, String password, String address, String requestId) {
        String trimmed = email == null ? "" : email.trim();
        throttle.check(trimmed, address);
        String presented = password == null || password.length() > MAX_PASSWORD ? "" : password;
        Optional<CompanyUser> found = trimmed.isEmpty() || trimmed.length() > 320 ? Optional.empty() : users.findByEmail(trimmed);
        boolean matches = passwords.matches(presented, found.map(CompanyUser::passwordHash).orElse(UNKNOWN_USER_HASH));
        if (found.isEmpty() || !matches || !found.get().active()) {
            throttle.recordFailure(trimmed, address);
            audit.record(AuditEvent.Type.USER_SIGN_IN, found.map(CompanyUser::id).orElse(null), AuditEvent.FAILURE,
                    found.isEmpty() ? "unknown_user" : !matches ? "wrong_password" : "inactive_user", requestId, null);
            return Optional.empty();
        }
        audit.record(AuditEvent.Type.USER_SIGN_IN, found.get().id(), AuditEvent.SUCCESS, found.get().role(), requestId,
                "company=" + found.get().companyId());
        return found;
    }
}
