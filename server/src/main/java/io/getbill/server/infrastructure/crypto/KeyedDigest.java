package io.getbill.server.infrastructure.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code HMAC-SHA-256(k, value)} in hex, with {@code k} derived from the master key for one purpose, and a
 * constant-time comparison. Used for values the server must recognise but never read back: client secrets and
 * refresh tokens. Both are high-entropy server-generated values, so a fast keyed hash is as strong as a slow one
 * against guessing, and the key (outside the database) makes a stolen table useless even for offline tests.
 */
public final class KeyedDigest {

    private final SecretKeySpec key;
    /**
     * Initialised instances ready for use: a {@code Mac} is not thread-safe, and building one (provider lookup, key
     * set-up) costs more than the digest. Not a {@code ThreadLocal}: requests run on virtual threads, one per request.
     * Holds at most as many as digests ever ran at once.
     */
    private final Queue<Mac> macs = new ConcurrentLinkedQueue<>();

    public KeyedDigest(MasterKey masterKey, String purpose) {
        this.key = new SecretKeySpec(masterKey.derive(purpose), "HmacSHA256");
    }

    /** The 64-character hex digest of {@code value}. */
    public String digest(String value) {
        Mac mac = macs.poll();
        if (mac == null) {
            mac = newMac();
        }
        try {
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } finally {
            macs.offer(mac); // doFinal leaves it reset, ready for the next value
        }
    }

    /** Whether {@code value} digests to {@code storedHex}, in time independent of where they differ. */
    public boolean matches(String value, String storedHex) {
        if (value == null || storedHex == null) {
            return false;
        }
        byte[] presented = digest(value).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, storedHex.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "KeyedDigest<redacted>";
    }
}
