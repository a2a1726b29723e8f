package io.getbill.client.authorization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PKCE code verifier (RFC 7636 §4.1) and its {@code S256} challenge (§4.2). The verifier stays with the app
 * until the code exchange; only the challenge travels through the browser. Immutable.
 *
 * <p>{@link #generate(SecureRandom)} draws 32 random octets and base64url-encodes them without padding: 43
 * characters, 256 bits of entropy, as §4.1 recommends. {@code plain} is not offered: GetBill accepts only
 * {@code S256} (RFC 9700 §2.1.1). {@link #toString()} never shows the verifier.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636#section-4.1">RFC 7636 §4.1–4.2</a>
 */
public final class CodeVerifier {
    /** The only challenge method GetBill accepts. */
    public static final String S256 = "S256";

    private static final Pattern UNRESERVED = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String value;

    private CodeVerifier(String value) {
        this.value = value;
    }

    /** A fresh verifier from 32 random octets. */
    public static CodeVerifier generate(SecureRandom random) {
        byte[] octets = new byte[32];
        random.nextBytes(octets);
        return fromOctets(octets);
    }

    /** The verifier that base64url-encodes {@code octets} (RFC 7636 Appendix B); at least 32 octets. */
    public static CodeVerifier fromOctets(byte[] octets) {
        if (octets.length < 32) {
            throw new IllegalArgumentException("A code verifier needs at least 32 random octets (256 bits)");
        }
        return of(BASE64URL.encodeToString(octets));
    }

    /**
     * A verifier kept from earlier.
     *
     * @throws IllegalArgumentException unless {@code value} is 43–128 characters of {@code [A-Za-z0-9._~-]}
     */
    public static CodeVerifier of(String value) {
        Objects.requireNonNull(value, "value");
        if (!UNRESERVED.matcher(value).matches()) {
            throw new IllegalArgumentException("A code verifier is 43-128 characters of [A-Za-z0-9._~-] (RFC 7636 §4.1)");
        }
        return new CodeVerifier(value);
    }

    /** The verifier, for the {@code code_verifier} of the token request. */
    public String value() {
        return value;
    }

    /** {@code BASE64URL(SHA256(ASCII(code_verifier)))}, for the {@code code_challenge} of the authorization request. */
    public String challenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodeVerifier v && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), v.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "CodeVerifier[<redacted>, challenge method " + S256 + "]";
    }
}
