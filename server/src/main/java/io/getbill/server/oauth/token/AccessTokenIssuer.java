package io.getbill.server.oauth.token;

import io.getbill.server.oauth.protocol.AccessTokenLifetime;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.oauth.keys.SigningKeys;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.bearer.AccessTokenClaims;
import jakarta.inject.Singleton;

import java.util.Date;

/**
 * Mints access tokens as RFC 9068 JWTs: header {@code typ: at+jwt} and {@code kid}; claims {@code iss}, {@code sub}
 * (the client, or {@code user:<id>} for a company user), {@code client_id}, {@code aud} ({@code <issuer>/external-api}), {@code scope} (space-delimited),
 * {@code company_id}, {@code iat}, {@code exp} (iat + 3600), {@code jti}, and {@code fid} for tokens descending from
 * a refresh-token family.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-2">RFC 9068 §2</a>
 */
@Singleton
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final Issuer issuer;

    public AccessTokenIssuer(SigningKeys keys, Issuer issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /** A signed access token for the client itself (client credentials); {@code familyId} may be {@code null}. */
    public IssuedAccessToken issue(OAuthClient client, Scope scope, String familyId) {
        return issue(client.clientId(), client.clientId(), client.companyId(), scope, familyId);
    }

    /**
     * A signed access token with which {@code client} acts for company user {@code userId} of {@code companyId}
     * (authorization code grant): {@code sub} is {@link AccessTokenClaims#userSubject(String) user:<id>}, a form
     * no client id can take, so a resource can never mistake a client for a user (RFC 9700 §4.15).
     */
    public IssuedAccessToken issueForUser(OAuthClient client, String userId, String companyId, Scope scope, String familyId) {
        return issue(AccessTokenClaims.userSubject(userId), client.clientId(), companyId, scope, familyId);
    }

    private IssuedAccessToken issue(String subject, String clientId, String companyId, Scope scope, String familyId) {
        SigningKeys.Active key = keys.active();
        long now = System.currentTimeMillis() / 1000;
        String jti = RandomValues.uuid().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.value())
                .subject(subject)
                .audience(issuer.resourceAudience())
                .issueTime(new Date(now * 1000))
                .expirationTime(new Date((now + AccessTokenLifetime.SECONDS) * 1000))
                .jwtID(jti)
                .claim(AccessTokenClaims.CLIENT_ID, clientId)
                .claim(AccessTokenClaims.SCOPE, scope.toString())
                .claim(AccessTokenClaims.COMPANY_ID, companyId);
        if (familyId != null) {
            claims.claim(AccessTokenClaims.FAMILY_ID, familyId);
        }
        JWSHeader header = new JWSHeader.Builder(key.algorithm())
                .type(new JOSEObjectType(AccessTokenClaims.TYPE))
                .keyID(key.kid())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new IssuedAccessToken(jwt.serialize(), jti, now + AccessTokenLifetime.SECONDS);
    }

    /** A freshly signed token with the facts the caller may need to record. */
    public record IssuedAccessToken(String value, String jti, long expiresAtEpochSecond) {
        @Override
        public String toString() {
            return "IssuedAccessToken{jti=" + jti + "}";
        }
    }
}
