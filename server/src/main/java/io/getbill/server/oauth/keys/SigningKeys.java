package io.getbill.server.oauth.keys;

import io.getbill.server.oauth.protocol.AccessTokenLifetime;
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
import io.getbill.server.infrastructure.crypto.EcProviders;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.crypto.SecretBox;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's signing keys (RFC 7517, RFC 7518 §3): the active key signs access tokens; every key that may still
 * have a valid token out there verifies and is published in the JWKS. Keys live in the database, their private
 * halves sealed with the master key, so every instance on the same database shares them. ES256 by default
 * ({@code getbill.signing.algorithm=RS256} selects RSA).
 *
 * <p>Rotation ({@link SigningKeyRotation}) creates a key that is published at once but signs only from
 * {@code activatesAt}, later than the next reload of every instance: no instance ever sees a token signed by a key
 * it does not know. The previous key retires at that moment and stays published until every token it signed has
 * expired ({@code retiredAt} + token lifetime + margin). Verification refuses a key past its expiry at once, without
 * waiting for a reload.
 *
 * <p>{@code getbill.signing.provider} chooses the implementation of the EC operations ({@link EcProviders}):
 * {@code auto} (default) starts on the JVM's faster provider and, once the first token is signed, loads AWS-LC in the
 * background and switches every signer and verifier to it (about 14 µs a signature against 120 µs with the JDK's on
 * Java 25); where AWS-LC cannot load it logs why and keeps the JVM's. {@code aws-lc} requires AWS-LC from the start
 * (the server does not start without it); {@code jdk} and {@code bc} (BouncyCastle) force a JVM provider.
 */
@Context
@Singleton
public class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final String PURPOSE = "signing_keys.private_jwk";
    /** Clock differences between instances, on top of the token lifetime. */
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);
    private static final long UNKNOWN_KID_RELOAD_MILLIS = 5_000;

    private final SigningKeyRepository repository;
    private final SecretBox box;
    private final JWSAlgorithm algorithm;
    private final ApplicationEventPublisher<SigningKeysChanged> events;
    private final ExecutorService blocking;
    private final AtomicLong lastUnknownKidReload = new AtomicLong();
    /** {@code auto}: AWS-LC is loaded once the first token asks for the active key. */
    private final AtomicBoolean awsLcPending = new AtomicBoolean();
    private volatile Provider ecProvider;

    private volatile List<Active> signers = List.of();
    private volatile Map<String, Published> verifiers = Map.of();
    private volatile JWKSet publicKeys = new JWKSet();
    private volatile Instant newestCreatedAt;
    private volatile boolean initialised;

    /** A key that signs from {@code activatesAtMillis}: its id, algorithm and signer. */
    public record Active(String kid, JWSAlgorithm algorithm, JWSSigner signer, long activatesAtMillis) {
        @Override
        public String toString() {
            return "Active{kid=" + kid + ", alg=" + algorithm + "}";
        }
    }

    private record Published(JWSVerifier verifier, long expiresAtMillis) {
    }

    public SigningKeys(SigningKeyRepository repository, SecretBox box,
                       @Value("${getbill.signing.algorithm:ES256}") String algorithm,
                       ApplicationEventPublisher<SigningKeysChanged> events,
                       @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                       @Value("${getbill.signing.provider:auto}") String provider) {
        this.repository = repository;
        this.ecProvider = switch (provider) {
            case "jdk" -> null;
            case "bc" -> EcProviders.bouncyCastle();
            case "auto" -> EcProviders.jvm();
            case "aws-lc" -> requireAwsLc();
            default -> throw new IllegalStateException(
                    "getbill.signing.provider must be auto, aws-lc, jdk or bc, not " + provider);
        };
        this.box = box;
        this.events = events;
        this.blocking = blocking;
        this.algorithm = JWSAlgorithm.parse(algorithm);
        if (!JWSAlgorithm.ES256.equals(this.algorithm) && !JWSAlgorithm.RS256.equals(this.algorithm)) {
            throw new IllegalStateException("getbill.signing.algorithm must be ES256 or RS256, not " + algorithm);
        }
        reload();
        Active current = active();
        if (current == null || !current.algorithm().equals(this.algorithm)) {
            rotate(Instant.now());
        }
        initialised = true;
        awsLcPending.set("auto".equals(provider) && JWSAlgorithm.ES256.equals(this.algorithm));
    }

    /** The key that signs now: the most recently activated one. */
    public Active active() {
        if (awsLcPending.get() && awsLcPending.compareAndSet(true, false)) {
            blocking.execute(this::switchToAwsLc);
        }
        List<Active> candidates = signers;
        long now = System.currentTimeMillis();
        for (Active candidate : candidates) {
            if (candidate.activatesAtMillis() <= now) {
                return candidate;
            }
        }
        return candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
    }

    /**
     * The verifier of the published, unexpired key named {@code kid}, or {@code null}. An unknown kid triggers a
     * background reload (at most every 5 s), in case another instance created a key this one has not loaded yet.
     */
    public JWSVerifier verifier(String kid) {
        if (kid == null) {
            return null;
        }
        Published published = verifiers.get(kid);
        if (published == null) {
            reloadSoon();
            return null;
        }
        return published.expiresAtMillis() > System.currentTimeMillis() ? published.verifier() : null;
    }

    /** The public keys (RFC 7517 §5), never a private member. */
    public JWKSet publicKeys() {
        return publicKeys;
    }

    /**
     * Creates a key that is published now and signs from {@code activatesAt}; the keys signing until then retire at
     * that moment and expire once their last token has.
     */
    public synchronized void rotate(Instant activatesAt) {
        try {
            // Whole seconds: mysql-connector-j drops fractions on MariaDB (it sees "MySQL 5.5"), so store what reads back.
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant activation = activatesAt.truncatedTo(ChronoUnit.SECONDS);
            Instant oldExpiry = activation.plusSeconds(AccessTokenLifetime.SECONDS).plus(EXPIRY_MARGIN);
            String kid = now.toString().substring(0, 10) + "-" + RandomValues.secret(64);
            JWK jwk = JWSAlgorithm.ES256.equals(algorithm)
                    ? new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate()
                    : new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            for (SigningKey key : repository.findAllOrderByCreatedAtDesc()) {
                if (key.retiredAt() == null) {
                    repository.update(new SigningKey(key.kid(), key.alg(), key.publicJwk(), key.privateJwkSealed(),
                            key.createdAt(), activation, oldExpiry, key.activatesAt()));
                }
            }
            repository.save(new SigningKey(kid, algorithm.getName(), jwk.toPublicJWK().toJSONString(),
                    box.seal(jwk.toJSONString(), PURPOSE), now, null, null, activation));
            LOG.info("New {} signing key {}, signing from {}", algorithm, kid, activation);
            reload();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    /** Whether the newest key is older than {@code period} (from the keys as last loaded). */
    public boolean rotationDue(Duration period) {
        Instant newest = newestCreatedAt;
        return newest == null || !newest.plus(period).isAfter(Instant.now());
    }

    /** Re-reads the keys and rotates if the newest is older than {@code period}; returns whether it rotated. */
    public synchronized boolean rotateIfDue(Duration period, Duration publishAhead) {
        reload();
        if (!rotationDue(period)) {
            return false;
        }
        rotate(Instant.now().plus(publishAhead));
        return true;
    }

    /** Re-reads the keys from the database (another instance may have rotated them). */
    public synchronized void reload() {
        long now = System.currentTimeMillis();
        List<Active> newSigners = new ArrayList<>();
        Map<String, Published> newVerifiers = new HashMap<>();
        List<JWK> published = new ArrayList<>();
        Instant newest = null;
        for (SigningKey key : repository.findAllOrderByCreatedAtDesc()) {
            if (key.expiresAt() != null && key.expiresAt().toEpochMilli() <= now) {
                continue;
            }
            try {
                JWK publicJwk = JWK.parse(key.publicJwk());
                published.add(publicJwk);
                long expires = key.expiresAt() == null ? Long.MAX_VALUE : key.expiresAt().toEpochMilli();
                newVerifiers.put(key.kid(), new Published(verifierFor(publicJwk), expires));
                if (newest == null || key.createdAt().isAfter(newest)) {
                    newest = key.createdAt();
                }
                if (key.retiredAt() == null || key.retiredAt().toEpochMilli() > now) {
                    JWK privateJwk = JWK.parse(box.open(key.privateJwkSealed(), PURPOSE));
                    newSigners.add(new Active(key.kid(), JWSAlgorithm.parse(key.alg()), signerFor(privateJwk),
                            key.activation().toEpochMilli()));
                }
            } catch (ParseException | JOSEException e) {
                throw new IllegalStateException("Unreadable signing key " + key.kid(), e);
            }
        }
        newSigners.sort(Comparator.comparingLong(Active::activatesAtMillis).reversed());
        Set<String> before = verifiers.keySet();
        this.verifiers = Map.copyOf(newVerifiers);
        this.publicKeys = new JWKSet(published);
        this.signers = List.copyOf(newSigners);
        this.newestCreatedAt = newest;
        if (initialised && !before.equals(newVerifiers.keySet())) {
            events.publishEvent(new SigningKeysChanged(Set.copyOf(newVerifiers.keySet())));
        }
    }

    /** The provider doing the EC operations now, as {@link EcProviders#describe} names it. */
    public String ecProvider() {
        return EcProviders.describe(ecProvider);
    }

    private static Provider requireAwsLc() {
        try {
            return EcProviders.awsLc();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("getbill.signing.provider=aws-lc, but " + e.getMessage(), e);
        }
    }

    /**
     * Loads AWS-LC (about 0.4 s of one core, off the request path) and rebuilds the signers and verifiers on it; the
     * keys and their tokens stay the same. Requests meanwhile keep signing with the JVM's provider.
     */
    private void switchToAwsLc() {
        Provider awsLc;
        try {
            awsLc = EcProviders.awsLc();
        } catch (GeneralSecurityException e) {
            LOG.info("ES256 keeps signing with {}: {}", EcProviders.describe(ecProvider), e.getMessage());
            return;
        }
        synchronized (this) {
            ecProvider = awsLc;
            try {
                reload();
            } catch (RuntimeException e) {
                // the next periodic reload builds them on AWS-LC
                LOG.warn("Cannot reload the signing keys: {}", e.toString());
            }
        }
        LOG.info("ES256 now signs with {}", EcProviders.describe(awsLc));
    }

    private void reloadSoon() {
        long now = System.currentTimeMillis();
        long last = lastUnknownKidReload.get();
        if (now - last < UNKNOWN_KID_RELOAD_MILLIS || !lastUnknownKidReload.compareAndSet(last, now)) {
            return;
        }
        blocking.execute(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warn("Cannot reload the signing keys: {}", e.toString());
            }
        });
    }

    private JWSSigner signerFor(JWK jwk) throws JOSEException {
        if (jwk instanceof ECKey ec) {
            ECDSASigner signer = new ECDSASigner(ec);
            if (ecProvider != null) {
                signer.getJCAContext().setProvider(ecProvider);
            }
            // ECDSA draws a nonce per signature; without a generator of its own the signer builds a new one each time
            signer.getJCAContext().setSecureRandom(RandomValues.generator());
            return signer;
        }
        RSASSASigner signer = new RSASSASigner((RSAKey) jwk);
        signer.getJCAContext().setSecureRandom(RandomValues.generator());
        return signer;
    }

    private JWSVerifier verifierFor(JWK jwk) throws JOSEException {
        if (jwk instanceof ECKey ec) {
            ECDSAVerifier verifier = new ECDSAVerifier(ec);
            if (ecProvider != null) {
                verifier.getJCAContext().setProvider(ecProvider);
            }
            return verifier;
        }
        return new RSASSAVerifier((RSAKey) jwk);
    }
}
