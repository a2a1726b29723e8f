package io.getbill.server.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets, URL-safe base64 without padding. */
public final class RandomValues {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private RandomValues() {
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
}
