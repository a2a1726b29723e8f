package io.getbill.server.oauth.signin;

import io.getbill.server.directory.users.CompanyUser;
import io.getbill.server.directory.users.CompanyUserRepository;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.infrastructure.crypto.KeyedDigest;
import io.getbill.server.infrastructure.crypto.MasterKey;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.crypto.SecretBox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sessions of company users on the browser pages, built like the admin sessions: the cookie {@value #COOKIE} carries
 * 256 random bits, the database only their keyed hash, so any instance serves the session and a sign-out ends it
 * everywhere; the idle and absolute timeouts are the admin session's ({@code getbill.admin.session.*}).
 *
 * <p>The cookie is {@code HttpOnly; SameSite=Lax; Path=/}: {@code Lax} (not {@code Strict}) so that the top-level
 * navigation from the client's site to {@code /authorize} carries it; {@code Secure} unless the issuer is plain-HTTP
 * loopback, where browsers would drop a secure cookie set over http (the failure between login and consent that
 * other servers show on local setups).
 */
@Singleton
public class UserSessions {

    /** The cookie's name (the contract's {@code UserSessionSetCookie}). */
    public static final String COOKIE = "getbill_session";

    private static final int TOKEN_BITS = 256;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final String CSRF_PURPOSE = "user_sessions.csrf_token_sealed";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final UserSessionRepository sessions;
    private final CompanyUserRepository users;
    private final KeyedDigest tokenDigest;
    private final SecretBox box;
    private final SessionTimeouts settings;
    private final Issuer issuer;

    /** A session just opened: the token goes into the cookie and is not kept. */
    public record Opened(String token, UserSessionRow row) {
        @Override
        public String toString() {
            return "Opened{" + row + "}";
        }
    }

    /** A live session and its user as the database has them now. */
    public record Active(UserSessionRow row, CompanyUser user) {
    }

    public UserSessions(UserSessionRepository sessions, CompanyUserRepository users, MasterKey masterKey, SecretBox box,
                        SessionTimeouts settings, Issuer issuer) {
        this.sessions = sessions;
        this.users = users;
        this.tokenDigest = new KeyedDigest(masterKey, "getbill/user-session/v1");
        this.box = box;
        this.settings = settings;
        this.issuer = issuer;
    }

    public Opened open(CompanyUser user) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String token = RandomValues.secret(TOKEN_BITS);
        UserSessionRow row = new UserSessionRow(tokenDigest.digest(token), user.id(), user.companyId(),
                box.seal(RandomValues.secret(TOKEN_BITS), CSRF_PURPOSE), now, now, now.plus(settings.getAbsoluteLifetime()));
        sessions.save(row);
        return new Opened(token, row);
    }

    /** The live session of the request's cookie, if any; an ended session or one of a removed or inactive user is deleted. */
    public Optional<Active> current(HttpRequest<?> request) {
        return find(request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null));
    }

    Optional<Active> find(@Nullable String token) {
        if (token == null || !TOKEN_SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<UserSessionRow> found = sessions.findById(tokenDigest.digest(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        UserSessionRow row = found.get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!now.isBefore(row.expiresAt()) || !now.isBefore(row.lastSeenAt().plus(settings.getIdleTimeout()))) {
            sessions.deleteById(row.id());
            return Optional.empty();
        }
        Optional<CompanyUser> user = users.findById(row.userId())
                .filter(u -> u.companyId().equals(row.companyId()) && u.active());
        if (user.isEmpty()) {
            sessions.deleteById(row.id());
            return Optional.empty();
        }
        UserSessionRow current = row;
        if (row.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
            sessions.touch(row.id(), now);
            current = new UserSessionRow(row.id(), row.userId(), row.companyId(), row.csrfTokenSealed(), row.createdAt(),
                    now, row.expiresAt());
        }
        return Optional.of(new Active(current, user.get()));
    }

    /** The session's anti-forgery token of the account forms (sign-out, withdraw). */
    public String csrfToken(UserSessionRow row) {
        return box.open(row.csrfTokenSealed(), CSRF_PURPOSE);
    }

    /** Whether {@code presented} is the session's anti-forgery token, in time independent of where they differ. */
    public boolean csrfMatches(UserSessionRow row, @Nullable String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(row).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }

    public void close(UserSessionRow row) {
        sessions.deleteById(row.id());
    }

    /** Deletes sessions past their end. */
    public int deleteEnded() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return sessions.deleteEnded(now, now.minus(settings.getIdleTimeout()));
    }

    public Cookie cookie(String token) {
        return base(token).maxAge(settings.getAbsoluteLifetime());
    }

    public Cookie clearedCookie() {
        return base("").maxAge(0);
    }

    private Cookie base(String value) {
        return Cookie.of(COOKIE, value).path("/").httpOnly(true).sameSite(SameSite.Lax).secure(secureCookie());
    }

    /** {@code Secure} unless the issuer is {@code http} on a loopback address. */
    boolean secureCookie() {
        URI uri = URI.create(issuer.value());
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return true;
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        return !(host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1") || host.equalsIgnoreCase("localhost"));
    }
}
