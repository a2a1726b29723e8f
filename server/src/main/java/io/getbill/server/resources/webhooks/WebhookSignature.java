package io.getbill.server.resources.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@code X-GetBill-Signature} header: lowercase hex of HMAC-SHA256 over the raw request body, keyed with the
 * endpoint's secret (its UTF-8 bytes, the whole {@code whsec_...} string). A receiver recomputes it over the bytes it
 * received, before parsing them, and compares in constant time.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2104">RFC 2104 (HMAC)</a>
 */
public final class WebhookSignature {

    public static final String HEADER = "X-GetBill-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
