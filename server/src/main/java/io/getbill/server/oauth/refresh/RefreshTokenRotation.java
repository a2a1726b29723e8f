package io.getbill.server.oauth.refresh;

import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.protocol.ScopeRules;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * The refresh token grant (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use returns a new refresh token and
 * invalidates the presented one; presenting an already-used token again is {@code invalid_grant} <em>and</em>
 * revokes the whole family, since either the client or an attacker holds a stolen copy.
 *
 * <p><b>Concurrent use</b> (the same token sent twice at once, to one instance or to two behind a load balancer — a
 * client retrying a request it believes lost while the first is still being answered): exactly one request rotates
 * the token (a conditional UPDATE decides) and gets the new pair; a request that found the token unused but lost
 * that UPDATE was in flight at the same time as the winner, so it gets {@code invalid_grant} and the family is
 * <em>kept</em>: the winner's new refresh token goes on working (audit event {@code refresh_concurrent_use}). A
 * token presented after its use was committed is a replay and revokes the family ({@code refresh_reuse_detected}),
 * unless it arrives within {@code getbill.refresh-tokens.reuse-leeway} of that use (default 0 s: none, as RFC 9700
 * asks; a deployment whose clients retry quickly may set a few seconds — a stolen token replayed within the leeway
 * is still refused, only its detection is given up for those seconds).
 *
 * <ul>
 *   <li>unknown, expired or revoked token, or a token issued to another client → {@code invalid_grant} (the other
 *       client's token stays valid: presenting it proves nothing about its owner);</li>
 *   <li>a {@code scope} wider than the token's → {@code invalid_scope}, checked before the token is spent;</li>
 *   <li>the access token gets the requested (narrower) scope, or without {@code scope} the token's scope, in both
 *       cases limited to what the client is still registered for; the new refresh token keeps the original scope
 *       (RFC 6749 §6).</li>
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749 §6</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700 §4.14.2</a>
 */
@Singleton
public class RefreshTokenRotation {

    private static final String INVALID = "The refresh token is invalid, expired or revoked";

    private final RefreshTokenStore store;
    private final FamilyRevocation families;
    private final AuditTrail audit;
    private final Duration reuseLeeway;

    /** The outcome of a successful refresh: the scope to put in the access token, and the new refresh token. */
    public record Refreshed(Scope scope, RefreshTokenStore.Issued refreshToken) {
    }

    public RefreshTokenRotation(RefreshTokenStore store, FamilyRevocation families, AuditTrail audit,
                                @Value("${getbill.refresh-tokens.reuse-leeway:0s}") Duration reuseLeeway) {
        this.store = store;
        this.families = families;
        this.audit = audit;
        this.reuseLeeway = reuseLeeway;
    }

    /**
     * Rotates {@code presented} for the authenticated {@code client}.
     *
     * @param requestedScope the raw {@code scope} parameter, may be {@code null}
     * @throws OAuthException {@code invalid_grant} or {@code invalid_scope}
     */
    public Refreshed refresh(OAuthClient client, String presented, String requestedScope, String requestId) {
        RefreshToken token = store.find(presented).orElseThrow(() -> OAuthException.invalidGrant(INVALID));
        if (!token.clientId().equals(client.clientId())) {
            throw OAuthException.invalidGrant("The refresh token was issued to another client");
        }
        if (token.revoked()) {
            throw OAuthException.invalidGrant(INVALID);
        }
        if (token.used()) {
            throw reused(token, requestId);
        }
        if (!token.expiresAt().isAfter(Instant.now())) {
            throw OAuthException.invalidGrant(INVALID);
        }
        // At most the token's scope, and only what the client is still registered for; asked for explicitly, a
        // scope outside that refuses the whole request, as on the client-credentials grant.
        Scope allowed = Scope.parseLenient(token.scope()).intersect(client.registeredScope());
        Scope granted = ScopeRules.narrow(requestedScope, allowed);
        RefreshTokenStore.Issued successor = store.successorOf(token);
        RefreshTokenStore.Rotation rotation;
        try {
            rotation = store.rotate(token, successor);
        } catch (RefreshTokenStore.FamilyRevokedDuringRotation e) {
            throw OAuthException.invalidGrant(INVALID);
        }
        if (rotation == RefreshTokenStore.Rotation.ALREADY_USED) {
            RefreshToken now = store.find(presented).orElse(token);
            if (now.revoked()) {
                throw OAuthException.invalidGrant(INVALID);
            }
            // Found unused, then used by the time of the UPDATE: another request used it in the meantime.
            throw concurrentUse(now, requestId);
        }
        return new Refreshed(granted, successor);
    }

    /** A token found used: within the leeway a concurrent use (family kept), after it a replay (family revoked). */
    private OAuthException reused(RefreshToken token, String requestId) {
        Instant usedAt = token.usedAt();
        // A token used before used_at was recorded has none: a replay.
        if (usedAt != null && !reuseLeeway.isZero() && !reuseLeeway.isNegative() && !Instant.now().isAfter(usedAt.plus(reuseLeeway))) {
            return concurrentUse(token, requestId);
        }
        return reuseDetected(token, requestId);
    }

    private OAuthException concurrentUse(RefreshToken token, String requestId) {
        audit.record(AuditEvent.Type.REFRESH_CONCURRENT_USE, token.clientId(), AuditEvent.FAILURE, "invalid_grant",
                requestId, "fid:" + token.familyId());
        return OAuthException.invalidGrant(INVALID);
    }

    private OAuthException reuseDetected(RefreshToken token, String requestId) {
        audit.record(AuditEvent.Type.REFRESH_REUSE_DETECTED, token.clientId(), AuditEvent.FAILURE, "invalid_grant",
                requestId, "fid:" + token.familyId());
        families.revoke(token.familyId(), token.clientId(), "refresh_token_reuse", requestId);
        return OAuthException.invalidGrant(INVALID);
    }
}
