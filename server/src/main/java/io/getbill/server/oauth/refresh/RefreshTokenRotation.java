package io.getbill.server.oauth.refresh;

import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.protocol.OAuthException;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.protocol.ScopeRules;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The refresh token grant (RFC 6749 §6) with rotation (RFC 9700 §4.14.2): every use returns a new refresh token and
 * invalidates the presented one; presenting an already-used token again is {@code invalid_grant} <em>and</em>
 * revokes the whole family, since either the client or an attacker holds a stolen copy. There is no grace window:
 * of two concurrent uses of the same token, exactly one succeeds and the other is a replay.
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

    /** The outcome of a successful refresh: the scope to put in the access token, and the new refresh token. */
    public record Refreshed(Scope scope, RefreshTokenStore.Issued refreshToken) {
    }

    public RefreshTokenRotation(RefreshTokenStore store, FamilyRevocation families, AuditTrail audit) {
        this.store = store;
        this.families = families;
        this.audit = audit;
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
            throw reuseDetected(token, requestId);
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
            throw reuseDetected(now, requestId);
        }
        return new Refreshed(granted, successor);
    }

    private OAuthException reuseDetected(RefreshToken token, String requestId) {
        audit.record(AuditEvent.Type.REFRESH_REUSE_DETECTED, token.clientId(), AuditEvent.FAILURE, "invalid_grant",
                requestId, "fid:" + token.familyId());
        families.revoke(token.familyId(), token.clientId(), "refresh_token_reuse", requestId);
        return OAuthException.invalidGrant(INVALID);
    }
}
