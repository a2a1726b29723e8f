package io.getbill.server.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.getbill.server.crypto.RandomValues;
import io.getbill.server.crypto.SecretBox;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's signing keys: the current one signs access tokens; every key that may still have a valid token
 * out there verifies and is published in the JWKS (RFC 7517). Keys live in the database, their private halves
 * sealed with the master key, so every instance on the same database shares them. ES256 by default
 * ({@code getbill.signing.algorithm=RS256} selects RSA).
 */
@Context
@Singleton
public class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final String PURPOSE = "signing_keys.private_jwk";

    private final SigningKeyRepository repository;
    private final SecretBox box;
    private final JWSAlgorithm algorithm;

    private volatile Active active;
    private volatile Map<String, JWSVerifier> verifiers = Map.of();
    private volatile JWKSet publicKeys = new JWKSet();

    /** The key that signs: its id, algorithm and signer. */
    public record Active(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
    }

    public SigningKeys(SigningKeyRepository repository, SecretBox box,
                       @Value("${getbill.signing.algorithm:ES256}") String algorithm) {
        this.repository = repository;
        this.box = box;
        this.algorithm = JWSAlgorithm.parse(algorithm);
        if (!JWSAlgorithm.ES256.equals(this.algorithm) && !JWSAlgorithm.RS256.equals(this.algorithm)) {
            throw new IllegalStateException("getbill.signing.algorithm must be ES256 or RS256, not " + algorithm);
        }
        reload();
        if (active == null || !active.algorithm().equals(this.algorithm)) {
            rotate();
        }
    }

    public Active active() {
        return active;
    }

    /** The verifier for the key named {@code kid}, or {@code null} when no published key has that id. */
    public JWSVerifier verifier(String kid) {
        return kid == null ? null : verifiers.get(kid);
    }

    /** The public keys (RFC 7517 §5), never a private member. */
    public JWKSet publicKeys() {
        return publicKeys;
    }

    /** Creates a new key that signs from now on; older keys keep verifying until they expire. */
    public synchronized void rotate() {
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String kid = now.toString().substring(0, 10) + "-" + RandomValues.secret(64);
            JWK jwk = JWSAlgorithm.ES256.equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate()
                    : new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            repository.save(new SigningKey(kid, algorithm.getName(), jwk.toPublicJWK().toJSONString(),
                    box.seal(jwk.toJSONString(), PURPOSE), now, null, null));
            LOG.info("New {} signing key {}", algorithm, kid);
            reload();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    /** Re-reads the keys from the database (another instance may have rotated them). */
    public synchronized void reload() {
        Instant now = Instant.now();
        Active newest = null;
        Map<String, JWSVerifier> newVerifiers = new ConcurrentHashMap<>();
        List<JWK> published = new ArrayList<>();
        for (SigningKey key : repository.findAllOrderByCreatedAtDesc()) {
            if (key.expiresAt() != null && key.expiresAt().isBefore(now)) {
                continue;
            }
            try {
                JWK publicJwk = JWK.parse(key.publicJwk());
                published.add(publicJwk);
                newVerifiers.put(key.kid(), verifierFor(publicJwk));
                if (newest == null && key.retiredAt() == null) {
                    JWK privateJwk = JWK.parse(box.open(key.privateJwkSealed(), PURPOSE));
                    newest = new Active(key.kid(), JWSAlgorithm.parse(key.alg()), signerFor(privateJwk));
                }
            } catch (ParseException | JOSEException e) {
                throw new IllegalStateException("Unreadable signing key " + key.kid(), e);
            }
        }
        this.verifiers = Map.copyOf(newVerifiers);
        this.publicKeys = new JWKSet(published);
        this.active = newest;
    }

    private static JWSSigner signerFor(JWK jwk) throws JOSEException {
        return jwk instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) jwk);
    }

    private static JWSVerifier verifierFor(JWK jwk) throws JOSEException {
        return jwk instanceof ECKey ec ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) jwk);
    }
}
