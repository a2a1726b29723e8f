package io.getbill.server.infrastructure.crypto;

import java.nio.ByteBuffer;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Random identifiers and secrets, URL-safe base64 without padding, and the one {@link SecureRandom} the server
 * draws them (and ECDSA signature nonces) from.
 *
 * <p>The generator is the JDK's {@code DRBG} (NIST SP 800-90A Hash_DRBG, 256-bit strength, seeded from the operating
 * system, reseeded on request), shared and thread-safe. It is not {@code new SecureRandom()}: on Linux that is
 * {@code NativePRNG}, which reads {@code /dev/urandom} under a global lock on every call — and a signer given no
 * generator builds a new one per signature, which cost about 35 µs of each 150 µs ES256 token here.
 */
public final class RandomValues {

    private static final SecureRandom RANDOM = newGenerator();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private RandomValues() {
    }

    /** The shared cryptographically strong generator (for signers and anything else that needs one). */
    public static SecureRandom generator() {
        return RANDOM;
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** An opaque resource id: 128 random bits, 22 characters. */
    public static String id() {
        return URL.encodeToString(bytes(16));
    }

    /** A secret or token of {@code bits} bits of entropy (a multiple of 8). */
    public static String secret(int bits) {
        return URL.encodeToString(bytes(bits / 8));
    }

    /** A random (version 4) UUID from the shared generator — {@link UUID#randomUUID()} reads {@code NativePRNG}. */
    public static UUID uuid() {
        ByteBuffer random = ByteBuffer.wrap(bytes(16));
        long msb = (random.getLong() & ~0xF000L) | 0x4000L;                          // version 4
        long lsb = (random.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(msb, lsb);
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, "getbill".getBytes()));
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom(); // a JDK without the DRBG mechanism: the platform default is still strong
        }
    }
}
