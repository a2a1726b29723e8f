package io.getbill.server.oauth.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * PKCE with {@code S256} only (RFC 7636 §4.2, §4.6): the challenge is BASE64URL(SHA-256(verifier)), both 43–128
 * characters of the unreserved set. {@code plain} is never accepted, for any client: it protects nothing once the
 * authorization request is observed, and accepting it would let an attacker downgrade (RFC 9700 §2.1.1, §4.8.2).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4">RFC 7636 §4</a>
 */
public final class Pkce {

    public static final String S256 = "S256";
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    /** Whether {@code value} has the syntax of a code verifier or challenge. */
    public static boolean wellFormed(String value) {
        return value != null && VALUE.matcher(value).matches();
    }

    /** Whether {@code verifier} is well formed and its S256 transform equals {@code challenge}, in constant time. */
    public static boolean verifies(String verifier, String challenge) {
        if (!wellFormed(verifier) || challenge == null) {
            return false;
        }
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    /** BASE64URL-ENCODE(SHA256(ASCII(verifier))), without padding. */
    public static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
