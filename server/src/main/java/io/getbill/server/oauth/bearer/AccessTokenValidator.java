package io.getbill.server.oauth.bearer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.getbill.server.infrastructure.config.ClockTicker;
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
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates bearer access tokens (RFC 9068 §4) and is the only token validator of the server. It checks what the
 * framework's validator does not: the {@code typ} header must be {@code at+jwt}, the algorithm must be the one of
 * the key named by {@code kid} (no {@code none}, no HMAC, no trying every key), {@code exp}, {@code iss} and
 * {@code aud} are required and must match.
 *
 * <p>A partner reuses one token for up to an hour, so a verified token's claims are cached and a cache hit costs a
 * map lookup instead of a signature verification. The cache (Caffeine) holds at most {@value #MAX_CACHED} tokens, each
 * until its {@code exp}; when full it evicts single entries, keeping the tokens in use (frequency-based admission), so
 * a flood of distinct tokens never empties it and honest callers keep their hits. Refused tokens are never cached;
 * {@code validateToken} leaves the reason on the request ({@link #REFUSAL_REASON}) for the challenge. {@code exp}, the key's presence and the
 * {@link Denylist} (revoked {@code jti} or family {@code fid}, or a cut-off of the whole client) are still checked on every request, hit or miss. When
 * the signing keys change, cached tokens of withdrawn keys are dropped.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 */
@Singleton
@Replaces(ReactiveJsonWebTokenValidator.class)
public class AccessTokenValidator implements TokenValidator<HttpRequest<?>>, ApplicationEventListener<SigningKeysChanged> {

    static final int MAX_CACHED = 100_000;

    /**
     * Request attribute holding why the request's bearer token was refused, so that the RFC 6750 challenge can say
     * it without verifying the token a second time.
     */
    public static final String REFUSAL_REASON = "getbill.access-token.refusal";

    private final SigningKeys keys;
    private final Issuer issuer;
    private final Denylist denylist;
    private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Clock clock;
    private final Cache<String, Verified> cache;

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

    @Inject
    public AccessTokenValidator(SigningKeys keys, Issuer issuer, Denylist denylist, Clock clock) {
        this(keys, issuer, denylist, clock, MAX_CACHED);
    }

    AccessTokenValidator(SigningKeys keys, Issuer issuer, Denylist denylist, Clock clock, int maxCached) {
        this.keys = keys;
        this.issuer = issuer;
        this.denylist = denylist;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxCached)
                .expireAfter(Expiry.<String, Verified>creating((token, verified) ->
                        maxZero(Duration.between(clock.instant(), Instant.ofEpochSecond(verified.expiresAtEpochSecond())))))
                .ticker(ClockTicker.of(clock))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        try {
            return Publishers.just(verify(token).authentication());
        } catch (InvalidTokenException e) {
            if (request != null) {
                request.setAttribute(REFUSAL_REASON, e.getMessage());
            }
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
        long now = clock.instant().getEpochSecond();
        Verified cached = cache.getIfPresent(token);
        if (cached != null) {
            if (cached.expiresAtEpochSecond() <= now) {
                cache.invalidate(token);
                throw new InvalidTokenException("The access token expired");
            }
            if (keys.verifier(cached.kid()) == null) {
                cache.invalidate(token);
                throw new InvalidTokenException("The access token was signed by a withdrawn key");
            }
            return notRevoked(cached);
        }
        Verified verified = verifyUncached(token, now);
        cache.put(token, verified);
        return notRevoked(verified);
    }

    /** Whether {@code token} is held verified now (no expiry or eviction pending). */
    boolean isCached(String token) {
        return cache.getIfPresent(token) != null;
    }

    /** How many verified tokens are held, after pending maintenance. */
    long cachedTokens() {
        cache.cleanUp();
        return cache.estimatedSize();
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
        cache.asMap().values().removeIf(v -> keys.verifier(v.kid()) == null);
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

    private static Duration maxZero(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
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
