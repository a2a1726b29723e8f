package io.getbill.server.oauth.bearer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.oauth.keys.SigningKeys;
import io.getbill.server.oauth.keys.SigningKeysChanged;
import io.getbill.server.oauth.protocol.Scope;
import io.getbill.server.oauth.denylist.Denylist;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.text.ParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates bearer access tokens (RFC 9068 §4) and is the only token validator of the server. It checks what the
 * framework's validator does not: the {@code typ} header must be {@code at+jwt}, the algorithm must be the one of
 * the key named by {@code kid} (no {@code none}, no HMAC, no trying every key), {@code exp}, {@code iss} and
 * {@code aud} are required and must match.
 *
 * <p>A partner reuses one token for up to an hour, so a verified token's claims are cached (bounded) and a cache hit
 * costs a map lookup instead of a signature verification; {@code exp}, the key's presence and the
 * {@link Denylist} (revoked {@code jti} or family {@code fid}, or a cut-off of the whole client) are still checked on every request, hit or miss. When
 * the signing keys change, cached tokens of withdrawn keys are dropped.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
@Singleton
@Replaces(ReactiveJsonWebTokenValidator.class)
public class AccessTokenValidator implements TokenValidator<HttpRequest<?>>, ApplicationEventListener<SigningKeysChanged> {

    private static final int MAX_CACHED = 100_000;

    private final SigningKeys keys;
    private final Issuer issuer;
    private final Denylist denylist;
    private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, Verified> cache = new ConcurrentHashMap<>();

    /** Claims of a verified token, as the resources (and introspection) need them. */
    public record Verified(String kid, String jti, String clientId, String companyId, Scope scope, String familyId,
                           long issuedAtEpochSecond, long expiresAtEpochSecond, Authentication authentication,
                           String subject) {
        @Override
        public String toString() {
            return "Verified{kid=" + kid + ", jti=" + jti + ", clientId=" + clientId + ", fid=" + familyId + "}";
        }
    }

    /** Why a token was refused; used as the RFC 6750 {@code error_description}. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    public AccessTokenValidator(SigningKeys keys, Issuer issuer, Denylist denylist) {
        this.keys = keys;
        this.issuer = issuer;
        this.denylist = denylist;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        try {
            return Publishers.just(verify(token).authentication());
        } catch (InvalidTokenException e) {
            return Publishers.empty();
        }
    }

    /**
     * @throws InvalidTokenException with the reason, when the token is not a valid access token of this server now
     */
    public Verified verify(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException("The access token is empty");
        }
        long now = System.currentTimeMillis() / 1000;
        Verified cached = cache.get(token);
        if (cached != null) {
            if (cached.expiresAtEpochSecond() <= now) {
                cache.remove(token);
                throw new InvalidTokenException("The access token expired");
            }
            if (keys.verifier(cached.kid()) == null) {
                cache.remove(token);
                throw new InvalidTokenException("The access token was signed by a withdrawn key");
            }
            return notRevoked(cached);
        }
        Verified verified = verifyUncached(token, now);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(token, verified);
        return notRevoked(verified);
    }

    private Verified notRevoked(Verified verified) throws InvalidTokenException {
        if (denylist.isRevoked(verified.jti(), verified.familyId())
                || denylist.isCutOff(verified.clientId(), verified.issuedAtEpochSecond())) {
            throw new InvalidTokenException("The access token was revoked");
        }
        return verified;
    }

    /** Drops cached tokens whose signing key is no longer published. */
    @Override
    public void onApplicationEvent(SigningKeysChanged event) {
        cache.values().removeIf(v -> keys.verifier(v.kid()) == null);
    }

    private Verified verifyUncached(String token, long now) throws InvalidTokenException {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token is malformed");
        }
        JWSHeader header = jwt.getHeader();
        if (!isAccessTokenType(header.getType())) {
            throw new InvalidTokenException("The token is not an access token (typ must be at+jwt)");
        }
        JWSVerifier verifier = keys.verifier(header.getKeyID());
        if (verifier == null) {
            throw new InvalidTokenException("The access token was signed by an unknown key");
        }
        JWSAlgorithm alg = header.getAlgorithm();
        if (!verifier.supportedJWSAlgorithms().contains(alg)) {
            throw new InvalidTokenException("The access token's algorithm does not match its key");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("The access token's signature is invalid");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("The access token's signature is invalid");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's claims are malformed");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new InvalidTokenException("The access token has no expiry");
        }
        long expSeconds = exp.getTime() / 1000;
        long iatSeconds = claims.getIssueTime() == null ? 0 : claims.getIssueTime().getTime() / 1000;
        if (expSeconds <= now) {
            throw new InvalidTokenException("The access token expired");
        }
        if (!issuer.value().equals(claims.getIssuer())) {
            throw new InvalidTokenException("The access token was issued by another issuer");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(issuer.resourceAudience())) {
            throw new InvalidTokenException("The access token is not meant for this API (aud)");
        }
        try {
            String clientId = claims.getStringClaim(AccessTokenClaims.CLIENT_ID);
            String companyId = claims.getStringClaim(AccessTokenClaims.COMPANY_ID);
            String scope = claims.getStringClaim(AccessTokenClaims.SCOPE);
            String familyId = claims.getStringClaim(AccessTokenClaims.FAMILY_ID);
            String jti = claims.getJWTID();
            String subject = claims.getSubject();
            if (clientId == null || companyId == null || jti == null || scope == null || !isSubjectOf(subject, clientId)) {
                throw new InvalidTokenException("The access token lacks required claims");
            }
            Scope granted = Scope.parseLenient(scope);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(AccessTokenClaims.COMPANY_ID, companyId);
            attributes.put(AccessTokenClaims.JTI, jti);
            attributes.put(AccessTokenClaims.EXPIRES_AT, expSeconds);
            if (familyId != null) {
                attributes.put(AccessTokenClaims.FAMILY_ID, familyId);
            }
            Authentication authentication = Authentication.build(clientId, granted.tokens(), attributes);
            return new Verified(header.getKeyID(), jti, clientId, companyId, granted, familyId, iatSeconds, expSeconds,
                    authentication, subject);
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's claims are malformed");
        }
    }

    /** {@code sub} is the client itself, or a company user ({@code user:<id>}) the client acts for. */
    private static boolean isSubjectOf(String subject, String clientId) {
        if (subject == null) {
            return false;
        }
        if (subject.startsWith(AccessTokenClaims.USER_SUBJECT_PREFIX)) {
            return USER_ID.matcher(subject.substring(AccessTokenClaims.USER_SUBJECT_PREFIX.length())).matches();
        }
        return subject.equals(clientId);
    }

    private static boolean isAccessTokenType(JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        String t = type.getType().toLowerCase(java.util.Locale.ROOT);
        return t.equals(AccessTokenClaims.TYPE) || t.equals("application/" + AccessTokenClaims.TYPE);
    }
}
