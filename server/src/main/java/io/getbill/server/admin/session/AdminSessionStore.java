package io.getbill.server.admin.session;

import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.directory.users.CompanyUserRepository;
import io.getbill.server.infrastructure.crypto.KeyedDigest;
import io.getbill.server.infrastructure.crypto.MasterKey;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.crypto.SecretBox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Opens, finds and closes admin sessions in the database, so that every instance serves every session and a logout
 * is effective everywhere at once.
 *
 * <p>The cookie carries a 256-bit random token; the row's key is its HMAC under a key derived from the master key,
 * so a copy of the table opens no session. The CSRF synchronizer token is another 256 random bits per session,
 * stored sealed (AES-GCM) because {@code GET /admin-api/v1/session} must be able to hand it back to a reloaded page;
 * it is compared in constant time.
 *
 * <p>A session ends at the first of: its absolute end ({@code expires_at}), {@code idle-timeout} after its last
 * request, or logout. {@code last_seen_at} is written at most once a minute per session, so that a busy admin page
 * costs one indexed read per request and not a write.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html">OWASP Session Management</a>
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html">OWASP CSRF Prevention</a>
 */
@Singleton
public class AdminSessionStore {

    /** The session cookie's name (the {@code adminSession} scheme of the contract). */
    public static final String COOKIE = "getbill_admin_session";
    /** The CSRF header's name (the {@code adminCsrf} scheme of the contract). */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final int TOKEN_BITS = 256;
    /** base64url without padding of 32 bytes. */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final String CSRF_PURPOSE = "admin_sessions.csrf_token_sealed";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final AdminSessionRepository sessions;
    private final CompanyUserRepository users;
    private final KeyedDigest tokenDigest;
    private final SecretBox box;
    private final AdminSessionSettings settings;

    /** A session just opened: the token goes into the cookie, the CSRF token into the answer; neither is kept. */
    public record Opened(String token, String csrfToken, AdminSessionRow row) {
        @Override
        public String toString() {
            return "Opened{" + row + "}";
        }
    }

    /** A live session and its user as the database has them now (role and active flag included). */
    public record Active(AdminSessionRow row, CompanyUser user) {
    }

    public AdminSessionStore(AdminSessionRepository sessions, CompanyUserRepository users, MasterKey masterKey,
                             SecretBox box, AdminSessionSettings settings) {
        this.sessions = sessions;
        this.users = users;
        this.tokenDigest = new KeyedDigest(masterKey, "getbill/admin-session/v1");
        this.box = box;
        this.settings = settings;
    }

    public Opened open(CompanyUser user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String token = RandomValues.secret(TOKEN_BITS);
        String csrf = RandomValues.secret(TOKEN_BITS);
        AdminSessionRow row = new AdminSessionRow(tokenDigest.digest(token), user.id(), user.companyId(),
                box.seal(csrf, CSRF_PURPOSE), now, now, now.plus(settings.getAbsoluteLifetime()));
        sessions.save(row);
        return new Opened(token, csrf, row);
    }

    /** The live session of {@code token}; an ended session is deleted on the way. */
    public Optional<Active> find(@Nullable String token) {
        if (token == null || !TOKEN_SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<AdminSessionRow> found = sessions.findById(tokenDigest.digest(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AdminSessionRow row = found.get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (hasEnded(row, now)) {
            sessions.deleteById(row.id());
            return Optional.empty();
        }
        String companyId = row.companyId();
        Optional<CompanyUser> user = users.findById(row.userId()).filter(u -> u.companyId().equals(companyId));
        if (user.isEmpty()) {
            sessions.deleteById(row.id());
            return Optional.empty();
        }
        if (row.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
            sessions.touch(row.id(), now);
            row = new AdminSessionRow(row.id(), row.userId(), row.companyId(), row.csrfTokenSealed(), row.createdAt(),
                    now, row.expiresAt());
        }
        return Optional.of(new Active(row, user.get()));
    }

    boolean hasEnded(AdminSessionRow row, Instant now) {
        return !now.isBefore(row.expiresAt()) || !now.isBefore(row.lastSeenAt().plus(settings.getIdleTimeout()));
    }

    /** The session's CSRF token in clear, for the session's own user. */
    public String csrfToken(AdminSessionRow row) {
        return box.open(row.csrfTokenSealed(), CSRF_PURPOSE);
    }

    /** Whether {@code presented} is the session's CSRF token, in time independent of where they differ. */
    public boolean csrfMatches(AdminSessionRow row, @Nullable String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] expected = csrfToken(row).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes the session: its cookie opens nothing anywhere from now on. */
    public void close(AdminSessionRow row) {
        sessions.deleteById(row.id());
    }

    /** Deletes sessions past their absolute end or idle for longer than the idle timeout. */
    public int deleteEnded() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return sessions.deleteEnded(now, now.minus(settings.getIdleTimeout()));
    }

    /** {@code HttpOnly; SameSite=Strict; Path=/admin-api; Max-Age=<absolute lifetime>} and {@code Secure} unless off. */
    public Cookie cookie(String token) {
        return base(token).maxAge(settings.getAbsoluteLifetime());
    }

    /** The same cookie, empty and already expired: the browser forgets it. */
    public Cookie clearedCookie() {
        return base("").maxAge(0);
    }

    private Cookie base(String value) {
        return Cookie.of(COOKIE, value)
                .path(AdminPaths.COOKIE_PATH)
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .secure(settings.isSecureCookie());
    }

    public AdminSessionSettings settings() {
        return settings;
    }
}
