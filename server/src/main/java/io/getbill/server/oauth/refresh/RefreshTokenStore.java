package io.getbill.server.oauth.refresh;

import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.infrastructure.crypto.KeyedDigest;
import io.getbill.server.infrastructure.crypto.MasterKey;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.denylist.TokenRevocations;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Issues, finds and rotates refresh tokens. A refresh token is {@code rt_} followed by 256 random bits
 * (base64url); only {@code HMAC-SHA-256(k, token)} is stored, {@code k} derived from the master key — the same
 * reasoning as for client secrets (see {@link io.getbill.server.oauth.clients.ClientSecretHasher}): the token is
 * high-entropy, so a fast keyed hash cannot be brute-forced, and the database alone is useless to a thief.
 *
 * <p>Issuing costs one INSERT, committed together with those of concurrent requests ({@link RefreshTokenWriter});
 * finding one is a primary-key lookup; rotation is one transaction of a conditional UPDATE, an INSERT and an index
 * lookup. None of them slows down as the table grows.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-10.4">RFC 6749 §10.4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700 §4.14.2 (rotation)</a>
 */
@Singleton
public class RefreshTokenStore {

    /** Prefix of every refresh token, so that it is recognisable (and found by secret scanners). */
    public static final String PREFIX = "rt_";
    private static final int TOKEN_BITS = 256;
    private static final int MAX_LENGTH = 128;

    private final RefreshTokenRepository repository;
    private final RefreshTokenWriter writer;
    private final TokenRevocations revocations;
    private final KeyedDigest digest;
    private final Duration lifetime;

    /** A newly issued refresh token: the value to hand out once, and its family. */
    public record Issued(String value, String familyId, RefreshToken row) {
        @Override
        public String toString() {
            return "Issued{familyId=" + familyId + ", value=<redacted>}";
        }
    }

    /** Outcomes of a rotation attempt. */
    public enum Rotation {
        /** The token was unused and is now used; a successor was stored. */
        ROTATED,
        /** The token was used (or revoked) by the time this request tried: a replay, or a lost race. */
        ALREADY_USED
    }

    public RefreshTokenStore(RefreshTokenRepository repository, RefreshTokenWriter writer, TokenRevocations revocations,
                             MasterKey masterKey,
                             @Value("${getbill.refresh-tokens.lifetime:30d}") Duration lifetime) {
        this.repository = repository;
        this.writer = writer;
        this.revocations = revocations;
        this.digest = new KeyedDigest(masterKey, "getbill/refresh-token/v1");
        this.lifetime = lifetime;
    }

    /** Whether {@code value} has the shape of a refresh token of this server (no I/O). */
    public static boolean looksLikeRefreshToken(String value) {
        return value != null && value.startsWith(PREFIX) && value.length() <= MAX_LENGTH;
    }

    /** Issues the first refresh token of a new family, for {@code scope}: one INSERT, group-committed. */
    public Issued issueNewFamily(OAuthClient client, Scope scope) {
        return issue(RandomValues.id(), client.clientId(), client.companyId(), scope.toString(), null);
    }

    /**
     * Issues the first refresh token of family {@code familyId} for company user {@code userId} of {@code companyId}
     * (the authorization code grant, whose code row already names the family).
     */
    public Issued issueUserFamily(String familyId, OAuthClient client, String userId, String companyId, Scope scope) {
        return issue(familyId, client.clientId(), companyId, scope.toString(), userId);
    }

    /** The families of {@code clientId}'s refresh tokens for {@code userId} that are not revoked yet. */
    public List<String> liveFamiliesOf(String clientId, String userId) {
        return repository.findLiveFamilies(clientId, userId);
    }

    /** The successor of {@code used}: same family, client, company and scope (RFC 6749 §6), a fresh lifetime. */
    public Issued successorOf(RefreshToken used) {
        return prepare(used.familyId(), used.clientId(), used.companyId(), used.scope(), used.userId());
    }

    /** The stored row of a presented token, if it is one of ours. */
    public Optional<RefreshToken> find(String presented) {
        if (!looksLikeRefreshToken(presented)) {
            return Optional.empty();
        }
        return repository.findById(digest.digest(presented));
    }

    /**
     * Marks {@code presented} used and stores {@code successor}, atomically: the conditional UPDATE lets exactly one
     * of several concurrent requests win; the family is checked last so that a refresh racing with the revocation
     * of its family does not leave a live successor behind.
     *
     * @throws FamilyRevokedDuringRotation (rolling everything back) when the family was revoked meanwhile
     */
    @Transactional
    public Rotation rotate(RefreshToken presented, Issued successor) {
        if (repository.markUsed(presented.tokenHash(), Instant.now().truncatedTo(ChronoUnit.MICROS)) != 1) {
            return Rotation.ALREADY_USED;
        }
        repository.save(successor.row());
        if (revocations.isFamilyRevoked(presented.familyId())) {
            throw new FamilyRevokedDuringRotation();
        }
        return Rotation.ROTATED;
    }

    /**
     * Marks every refresh token of the family revoked. READ COMMITTED: only the family's rows are locked (no gap
     * locks), so a concurrent rotation inserting into the family cannot deadlock with it; a successor it misses is
     * refused anyway, because the family's revocation is checked on every refresh.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public int markFamilyRevoked(String familyId) {
        return repository.markFamilyRevoked(familyId);
    }

    /**
     * Marks every refresh token of {@code clientId} revoked (the client was disabled or deleted): presenting one is
     * {@code invalid_grant} from now on. READ COMMITTED for the same reason as {@link #markFamilyRevoked}.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public int revokeAllOfClient(String clientId) {
        return repository.markClientRevoked(clientId);
    }

    /** Deletes up to {@code batch} expired refresh tokens; returns how many. */
    @Transactional
    public int deleteExpired(int batch) {
        List<String> expired = repository.findExpiredHashes(Instant.now(), batch);
        return expired.isEmpty() ? 0 : repository.deleteByHashes(expired);
    }

    private Issued issue(String familyId, String clientId, String companyId, String scope, String userId) {
        Issued issued = prepare(familyId, clientId, companyId, scope, userId);
        writer.insert(issued.row());
        return issued;
    }

    private Issued prepare(String familyId, String clientId, String companyId, String scope, String userId) {
        String value = PREFIX + RandomValues.secret(TOKEN_BITS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RefreshToken row = new RefreshToken(digest.digest(value), familyId, clientId, companyId, scope, now,
                now.plus(lifetime), false, false, null, userId);
        return new Issued(value, familyId, row);
    }

    /** Rolls the rotation back: the family was revoked while it ran. */
    static final class FamilyRevokedDuringRotation extends RuntimeException {
        FamilyRevokedDuringRotation() {
            super("family revoked during rotation", null, false, false);
        }
    }
}
