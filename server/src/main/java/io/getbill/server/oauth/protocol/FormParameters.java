package io.getbill.server.oauth.protocol;

import io.getbill.server.oauth.protocol.OAuthException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body parsed once, strictly: malformed percent-encoding or invalid
 * UTF-8 is {@code invalid_request}; a parameter sent without a value counts as omitted and a known parameter may
 * appear at most once (RFC 6749 §3.2) and at most as long as the contract says ({@code TokenRequest},
 * {@code RevocationRequest}, {@code IntrospectionRequest}); unknown parameters are kept but ignored by the endpoints.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.2">RFC 6749 §3.2</a>
 */
public final class FormParameters {

    /** The contract's {@code maxLength} of each OAuth endpoint parameter, in characters. */
    static final Map<String, Integer> MAX_LENGTHS = Map.of(
            "grant_type", 64,
            "client_id", 128,
            "client_secret", 256,
            "scope", 1024,
            "refresh_token", 512,
            "token", 4096,
            "token_type_hint", 64);

    private final Map<String, List<String>> values;

    private FormParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormParameters parse(byte[] body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (body == null || body.length == 0) {
            return new FormParameters(values);
        }
        String text = decodeUtf8(body);
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new FormParameters(values);
    }

    /**
     * The single value of {@code name}, or {@code null} when it is absent or empty.
     *
     * @throws OAuthException {@code invalid_request} when it is repeated or longer than the contract allows
     */
    public String single(String name) {
        List<String> all = values.getOrDefault(name, Collections.emptyList());
        if (all.size() > 1) {
            throw OAuthException.invalidRequest("Parameter '" + name + "' is repeated");
        }
        if (all.isEmpty() || all.get(0).isEmpty()) {
            return null;
        }
        String value = all.get(0);
        Integer maxLength = MAX_LENGTHS.get(name);
        if (maxLength != null && value.codePointCount(0, value.length()) > maxLength) {
            throw OAuthException.invalidRequest("Parameter '" + name + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** Like {@link #single} but {@code invalid_request} when absent. */
    public String required(String name) {
        String value = single(name);
        if (value == null) {
            throw OAuthException.invalidRequest("Missing parameter '" + name + "'");
        }
        return value;
    }

    /** Whether {@code name} was sent with a non-empty value. */
    public boolean has(String name) {
        return values.getOrDefault(name, Collections.emptyList()).stream().anyMatch(v -> !v.isEmpty());
    }

    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw OAuthException.invalidRequest("The request body is not valid UTF-8");
        }
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw OAuthException.invalidRequest("Malformed percent-encoding in the request body");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw OAuthException.invalidRequest("Malformed percent-encoding in the request body");
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + enc.length > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + enc.length);
                }
                System.arraycopy(enc, 0, out, n, enc.length);
                n += enc.length;
            }
        }
        return decodeUtf8(java.util.Arrays.copyOf(out, n));
    }
}
