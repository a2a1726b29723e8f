package io.getbill.server.oauth.authorization;

import io.getbill.server.infrastructure.crypto.KeyedDigest;
import io.getbill.server.infrastructure.crypto.MasterKey;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.web.FormTokens;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Pending authorization requests: kept in the database for 10 minutes under a random 256-bit id (only its keyed hash
 * stored), so that any instance serves the next page and the browser carries nothing but {@code request=<id>}.
 *
 * <p>Each form shown for a request carries a fresh single-use token; the request keeps only its hash. The sign-in
 * form's token is bound to the request; the consent form's to the request <em>and</em> the user session that signed
 * in. Spending a token is one conditional UPDATE, so a token posted twice (or from another session or request)
 * fails and nothing is issued.
 */
@Singleton
public class PendingAuthorizations {

    /** How long a user has to sign in and decide. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final int ID_BITS = 256;
    private static final int MAX_ID_LENGTH = 64;

    private final AuthorizationRequestRepository requests;
    private final FormTokens formTokens;
    private final KeyedDigest digest;

    public PendingAuthorizations(AuthorizationRequestRepository requests, FormTokens formTokens, MasterKey masterKey) {
        this.requests = requests;
        this.formTokens = formTokens;
        this.digest = new KeyedDigest(masterKey, "getbill/authorization-request/v1");
    }

    /** A stored request and the id the browser carries. */
    public record Pending(String id, AuthorizationRequestRow row) {
        @Override
        public String toString() {
            return "Pending{" + row + "}";
        }
    }

    /** Stores a request for {@code clientId} (or a plain sign-in when {@code null}); returns its id. */
    public Pending create(String clientId, String redirectUri, String scope, String state, String codeChallenge,
                          String error, String errorDescription) {
        String id = RandomValues.secret(ID_BITS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AuthorizationRequestRow row = new AuthorizationRequestRow(digest.digest(id), clientId, redirectUri, scope, state,
                codeChallenge, error, errorDescription, null, null, false, now, now.plus(LIFETIME));
        requests.save(row);
        return new Pending(id, row);
    }

    /** The live request of {@code id}: known and not expired (completed ones included). */
    public Optional<Pending> find(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        return requests.findById(digest.digest(id))
                .filter(row -> row.expiresAt().isAfter(Instant.now()))
                .map(row -> new Pending(id, row));
    }

    /** A new form token for the request (replacing the previous one); returns the token to put in the form. */
    public String newFormToken(Pending pending) {
        FormTokens.Issued issued = formTokens.issue();
        requests.setFormToken(pending.row().idHash(), issued.hash());
        return issued.token();
    }

    /** Spends the sign-in form's token; {@code false} when it is missing, foreign or already spent. */
    public boolean spendSignInToken(Pending pending, String presented) {
        String hash = formTokens.hash(presented);
        return hash != null && requests.spendSignInToken(pending.row().idHash(), hash, now()) == 1;
    }

    /**
     * Spends the consent form's token for {@code sessionId} and completes the request; {@code false} when the token is
     * missing, foreign (another request or session) or already spent.
     */
    public boolean spendConsentToken(Pending pending, String presented, String sessionId) {
        String hash = formTokens.hash(presented);
        return hash != null && requests.spendConsentToken(pending.row().idHash(), hash, sessionId, now()) == 1;
    }

    public void bindSession(Pending pending, String sessionId) {
        requests.bindSession(pending.row().idHash(), sessionId);
    }

    /** Completes a request answered without a form; {@code false} when it was completed already. */
    public boolean complete(Pending pending) {
        return requests.complete(pending.row().idHash()) == 1;
    }

    public int deleteExpired() {
        return requests.deleteExpired(now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
