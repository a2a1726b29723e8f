package io.getbill.server.oauth.clients;

import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.infrastructure.throttling.FailedAttempts;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Throttles failed client authentications (RFC 6749 §10.10, RFC 9700 §4.16): once a client_id, or a source
 * address, has failed {@code limit} times within the window, further attempts from it are refused with 429
 * {@code temporarily_unavailable} and {@code Retry-After} until the window ends — without checking the secret, which
 * is what makes guessing pointless. Only failures count; a successful authentication costs two map lookups and is
 * never delayed.
 *
 * <p>Configuration ({@code getbill.client-authentication.throttle.*}): {@code failures-per-client} (default 10),
 * {@code failures-per-address} (default 100, so that a CI host running the conformance kit, which fails on purpose,
 * is not locked out), {@code window} (default 1m), {@code enabled}.
 *
 * <p>The source address is the TCP peer. Behind a reverse proxy every request would share the proxy's address; set
 * {@code trust-forwarded-for: true} only when a proxy you control sets {@code X-Forwarded-For}: the right-most entry
 * (the address the proxy saw) is then used. Never enable it on a directly exposed server, where the header is
 * whatever the caller wants it to be.
 *
 * <p>Counters are per instance and in memory: with N instances an attacker gets at most N times the limit.
 */
@Singleton
public class ClientAuthenticationThrottle {

    private final boolean enabled;
    private final int perClient;
    private final int perAddress;
    private final boolean trustForwardedFor;
    private final FailedAttempts byClient;
    private final FailedAttempts byAddress;

    public ClientAuthenticationThrottle(
            @Value("${getbill.client-authentication.throttle.enabled:true}") boolean enabled,
            @Value("${getbill.client-authentication.throttle.failures-per-client:10}") int perClient,
            @Value("${getbill.client-authentication.throttle.failures-per-address:100}") int perAddress,
            @Value("${getbill.client-authentication.throttle.window:1m}") Duration window,
            @Value("${getbill.client-authentication.throttle.trust-forwarded-for:false}") boolean trustForwardedFor,
            Clock clock) {
        this.enabled = enabled;
        this.perClient = perClient;
        this.perAddress = perAddress;
        this.byClient = new FailedAttempts(window, clock);
        this.byAddress = new FailedAttempts(window, clock);
        this.trustForwardedFor = trustForwardedFor;
    }

    /** The address failures are counted against: the TCP peer, or the trusted proxy's X-Forwarded-For. */
    public String sourceAddress(HttpRequest<?> request) {
        if (trustForwardedFor) {
            List<String> forwarded = request.getHeaders().getAll("X-Forwarded-For");
            if (!forwarded.isEmpty()) {
                String last = forwarded.get(forwarded.size() - 1);
                String[] hops = last.split(",");
                String hop = hops[hops.length - 1].trim();
                if (!hop.isEmpty() && hop.length() <= 64) {
                    return hop;
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** @throws OAuthException throttled, when the address is over its limit */
    public void checkAddress(String address) {
        check(byAddress, address, perAddress);
    }

    /** @throws OAuthException throttled, when the client id is over its limit */
    public void checkClient(String clientId) {
        check(byClient, clientId, perClient);
    }

    /** Counts a failed authentication against the address and, when one was presented, the client id. */
    public void recordFailure(String clientId, String address) {
        if (!enabled) {
            return;
        }
        byAddress.record(address);
        if (clientId != null && clientId.length() <= ClientRegistry.MAX_CLIENT_ID) {
            byClient.record(clientId);
        }
    }

    private void check(FailedAttempts attempts, String key, int limit) {
        if (!enabled) {
            return;
        }
        long retryAfter = attempts.retryAfterSeconds(key, limit);
        if (retryAfter > 0) {
            throw OAuthException.throttled(retryAfter);
        }
    }

    /** Forgets every failure (operators after an incident; tests). */
    public void reset() {
        byClient.clear();
        byAddress.clear();
    }

    /** Drops windows that have ended. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    public void prune() {
        byClient.prune();
        byAddress.prune();
    }
}
