package io.getbill.server.oauth.consents;

import io.getbill.server.infrastructure.audit.AuditEvent;
import io.getbill.server.infrastructure.audit.AuditTrail;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.refresh.FamilyRevocation;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Remembered consents per (user, client). The consent page is skipped only when the stored consent covers every
 * requested scope; approving stores the union of what was granted before and now. Withdrawing deletes the consent
 * and revokes every token family the client holds for the user — refresh tokens and the access tokens issued with
 * them (they carry the family as {@code fid}) — so the client must ask again.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-10.2">RFC 6749 §10.2</a>
 */
@Singleton
public class UserConsents {

    private final UserConsentRepository consents;
    private final GrantedTokenFamilies families;
    private final FamilyRevocation revocation;
    private final AuditTrail audit;

    public UserConsents(UserConsentRepository consents, GrantedTokenFamilies families, FamilyRevocation revocation,
                        AuditTrail audit) {
        this.consents = consents;
        this.families = families;
        this.revocation = revocation;
        this.audit = audit;
    }

    /** Whether the user's stored consent for the client covers every scope of {@code requested}. */
    public boolean covers(String userId, String clientId, Scope requested) {
        return consents.findScope(userId, clientId)
                .map(Scope::parseLenient)
                .map(granted -> granted.tokens().containsAll(requested.tokens()))
                .orElse(false);
    }

    /** Remembers that the user granted {@code scope} to the client (added to what was granted before). */
    public void remember(String userId, String clientId, Scope scope) {
        Scope before = consents.findScope(userId, clientId).map(Scope::parseLenient).orElse(Scope.parseLenient(""));
        java.util.Set<String> union = new java.util.HashSet<>(before.tokens());
        union.addAll(scope.tokens());
        Scope inContractOrder = Scope.of(Scope.ALL.stream().filter(union::contains).toList());
        consents.upsert(userId, clientId, inContractOrder.toString(), Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    public List<ConsentListing> listOf(String userId) {
        return consents.listOf(userId);
    }

    /** Deletes the consent and revokes the client's token families for the user. Idempotent. */
    public void withdraw(String userId, String clientId, String requestId) {
        consents.delete(userId, clientId);
        for (String familyId : families.liveFamilies(clientId, userId)) {
            revocation.revoke(familyId, clientId, "consent_withdrawn", requestId);
        }
        audit.record(AuditEvent.Type.CONSENT_WITHDRAWN, clientId, AuditEvent.SUCCESS, null, requestId, "user=" + userId);
    }
}
