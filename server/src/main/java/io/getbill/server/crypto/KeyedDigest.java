package io.getbill.server.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@code HMAC-SHA-256(k, value)} in hex, with {@code k} derived from the master key for one purpose, and a
 * constant-time comparison. Used for values the server must recognise but never read back: client secrets and
 * refresh tokens. Both are high-entropy server-generated values, so a fast keyed hash is as strong as a slow one
 * against guessing, and the key (outside the database) makes a stolen table useless even for offline tests.
 */
public final class KeyedDigest {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public KeyedDigest(MasterKey masterKey, String purpose) {
        this.key = new SecretKeySpec(masterKey.derive(purpose), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The 64-character hex digest of {@code value}. */
    public String digest(String value) {
        return HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
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
