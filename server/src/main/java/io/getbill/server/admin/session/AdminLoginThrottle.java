package io.getbill.server.admin.session;

import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.throttling.FailedAttempts;
import io.getbill.server.oauth.signin.SignInThrottle;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Throttles failed admin sign-ins, the same way {@link io.getbill.server.oauth.clients.ClientAuthenticationThrottle}
 * throttles client authentication: once an email, or a source address, has failed {@code limit} times within the
 * window, further attempts are refused with 429 and {@code Retry-After} until the window ends, without checking the
 * password — which is what makes guessing pointless. Only failures count; a correct password is never delayed
 * unless its email or address is already over the limit.
 *
 * <p>Configuration ({@code getbill.admin.login-throttle.*}): {@code failures-per-email} (default 5),
 * {@code failures-per-address} (default 50), {@code window} (default 15m), {@code enabled}. Counting per email stops
 * a slow guess against one account from many addresses; per address stops one host from trying many accounts.
 *
 * <p>Counters are per instance and in memory: with N instances an attacker gets at most N times the limit.
 */
@Singleton
public class AdminLoginThrottle implements SignInThrottle {

    private static final int MAX_EMAIL = 255;

    private final boolean enabled;
    private final int perEmail;
    private final int perAddress;
    private final FailedAttempts byEmail;
    private final FailedAttempts byAddress;

    public AdminLoginThrottle(
            @Value("${getbill.admin.login-throttle.enabled:true}") boolean enabled,
            @Value("${getbill.admin.login-throttle.failures-per-email:5}") int perEmail,
            @Value("${getbill.admin.login-throttle.failures-per-address:50}") int perAddress,
            @Value("${getbill.admin.login-throttle.window:15m}") Duration window,
            Clock clock) {
        this.enabled = enabled;
        this.perEmail = perEmail;
        this.perAddress = perAddress;
        this.byEmail = new FailedAttempts(window, clock);
        this.byAddress = new FailedAttempts(window, clock);
    }

    /** @throws ApiException 429 with {@code Retry-After} when the email or the address is over its limit */
    @Override
    public void check(String email, String address) {
        check(byAddress, address, perAddress);
        check(byEmail, key(email), perEmail);
    }

    @Override
    public void recordFailure(String email, String address) {
        if (!enabled) {
            return;
        }
        byAddress.record(address);
        byEmail.record(key(email));
    }

    private static String key(String email) {
        if (email == null || email.length() > MAX_EMAIL) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private void check(FailedAttempts attempts, String key, int limit) {
        if (!enabled) {
            return;
        }
        long retryAfter = attempts.retryAfterSeconds(key, limit);
        if (retryAfter > 0) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins; retry later")
                    .withHeader("Retry-After", Long.toString(retryAfter));
        }
    }

    /** Forgets every failure (operators after an incident; tests). */
    public void reset() {
        byEmail.clear();
        byAddress.clear();
    }

    /** Drops windows that have ended. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    public void prune() {
        byEmail.prune();
        byAddress.prune();
    }
}
