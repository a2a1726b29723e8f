package io.getbill.server.oauth.authorization;

import io.getbill.server.infrastructure.crypto.KeyedDigest;
import io.getbill.server.infrastructure.crypto.MasterKey;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.consents.GrantedTokenFamilies;
import io.getbill.server.oauth.refresh.RefreshTokenStore;
import io.getbill.server.oauth.protocol.AccessTokenLifetime;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Authorization codes (RFC 6749 §4.1.2): 256 random bits, base64url; only their keyed hash is stored (key derived
 * from the master key, as for client secrets and refresh tokens), so the table alone redeems nothing. A code lives
 * {@code getbill.authorization.code-lifetime} (default 60 s); the server refuses to start with more than 10 minutes,
 * the maximum RFC 6749 §4.1.2 recommends. Created at start-up ({@link Context}) so that a bad lifetime stops the server.
 *
 * <p>It also tells a consent withdrawal which token families the client holds for the user: the refresh-token
 * families, and the families of codes redeemed recently enough for their access tokens to be alive.
 */
@Context
public class AuthorizationCodes implements GrantedTokenFamilies {

    /** The longest code lifetime accepted (RFC 6749 §4.1.2). */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    private static final int CODE_BITS = 256;
    private static final int MAX_CODE_LENGTH = 256;

    private final AuthorizationCodeRepository codes;
    private final RefreshTokenStore refreshTokens;
    private final KeyedDigest digest;
    private final Duration lifetime;

    public AuthorizationCodes(AuthorizationCodeRepository codes, RefreshTokenStore refreshTokens, MasterKey masterKey,
                              @Value("${getbill.authorization.code-lifetime:60s}") Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalStateException("getbill.authorization.code-lifetime must be more than 0 and at most "
                    + MAX_LIFETIME.toMinutes() + " minutes (RFC 6749 §4.1.2), not " + lifetime);
        }
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.digest = new KeyedDigest(masterKey, "getbill/authorization-code/v1");
        this.lifetime = lifetime;
    }

    /** Issues a code for the request's client, redirect URI and challenge, acting for {@code userId}. */
    public String issue(AuthorizationRequestRow request, String userId, String companyId, Scope scope) {
        String code = RandomValues.secret(CODE_BITS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        codes.save(new AuthorizationCodeRow(digest.digest(code), request.clientId(), userId, companyId, scope.toString(),
                request.redirectUri(), request.codeChallenge(), now, now.plus(lifetime), null, null));
        return code;
    }

    /** The stored code of {@code presented}, redeemed or not. */
    public Optional<AuthorizationCodeRow> find(String presented) {
        if (presented == null || presented.length() > MAX_CODE_LENGTH) {
            return Optional.empty();
        }
        return codes.findById(digest.digest(presented));
    }

    /** Redeems the code for a new family {@code familyId}; {@code false} when it was redeemed already (a replay or a lost race). */
    public boolean redeem(AuthorizationCodeRow row, String familyId) {
        return codes.redeem(row.codeHash(), Instant.now().truncatedTo(ChronoUnit.MICROS), familyId) == 1;
    }

    @Override
    public Set<String> liveFamilies(String clientId, String userId) {
        Set<String> families = new LinkedHashSet<>(refreshTokens.liveFamiliesOf(clientId, userId));
        Instant since = Instant.now().minusSeconds(AccessTokenLifetime.SECONDS + 60L);
        families.addAll(codes.findFamilies(clientId, userId, since));
        return families;
    }

    /** Deletes codes that expired long enough ago that their access tokens are expired too. */
    public int deleteExpired() {
        return codes.deleteExpired(Instant.now().minusSeconds(AccessTokenLifetime.SECONDS + 60L));
    }
}
