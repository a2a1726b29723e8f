package io.getbill.server.oauth.refresh;

import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.denylist.TokenRevocations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes a whole token family — every refresh token rotated from the same original grant and every access token
 * issued with them — when a used refresh token is replayed (RFC 9700 §4.14.2) or a refresh token is revoked
 * (RFC 7009 §2.1: revoking a refresh token should invalidate the access tokens of the same grant).
 *
 * <p>The family's revocation is recorded first (denylist row, checked on every refresh and by {@code fid} on every
 * bearer request); marking the refresh-token rows revoked comes second and is bookkeeping, not the safeguard.
 */
@Singleton
public class FamilyRevocation {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyRevocation.class);

    private final TokenRevocations revocations;
    private final RefreshTokenStore store;
    private final AuditTrail audit;

    public FamilyRevocation(TokenRevocations revocations, RefreshTokenStore store, AuditTrail audit) {
        this.revocations = revocations;
        this.store = store;
        this.audit = audit;
    }

    /** Revokes family {@code familyId} of {@code clientId}; {@code reason} goes to the audit trail. */
    public void revoke(String familyId, String clientId, String reason, String requestId) {
        revocations.revokeFamily(familyId, clientId);
        try {
            store.markFamilyRevoked(familyId);
        } catch (RuntimeException e) {
            // The denylist row above already refuses the family everywhere; the flags are for bookkeeping.
            LOG.warn("Family {} is revoked but its refresh tokens could not be flagged: {}", familyId, e.toString());
        }
        audit.record(AuditEvent.Type.TOKEN_REVOKED, clientId, AuditEvent.SUCCESS, reason, requestId, "fid:" + familyId);
    }
}
