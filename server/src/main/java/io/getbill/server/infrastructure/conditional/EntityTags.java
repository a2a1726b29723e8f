package io.getbill.server.infrastructure.conditional;

import io.getbill.server.infrastructure.errors.ApiException;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Strong entity tags of single resources and the {@code If-Match} precondition of their updates.
 *
 * <p>The tag is a digest of the resource's JSON representation (the {@code data} of the answer), so it changes
 * whenever any field a client can see changes — including counters and totals that other requests move — and
 * needs no version column. Comparison is strong (RFC 9110 §8.8.3.2): a weak tag never matches.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1">RFC 9110 §13.1.1 If-Match</a>
 */
@Singleton
public class EntityTags {

    public static final String IF_MATCH = "If-Match";

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JsonMapper json;

    public EntityTags(JsonMapper json) {
        this.json = json;
    }

    /**
     * The strong tag of a representation, e.g. {@code "3q2-7wfd0nVyQ9s1K8x6mA"}. The JSON streams into the digest
     * (no intermediate byte array) and the digest is a clone of a prototype, not a provider lookup per request:
     * this runs on every single-resource GET.
     */
    public String of(Object representation) {
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            json.writeValue(out, representation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest()).substring(0, 22) + '"';
    }

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /**
     * Checks an optional {@code If-Match} against the current tag.
     *
     * @throws ApiException 400 when the header is not {@code *} or a list of entity tags, 412 when no listed tag
     *                      matches the current one strongly
     */
    public void checkIfMatch(String ifMatch, String currentTag) {
        if (ifMatch == null) {
            return;
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return;
        }
        List<String> tags = parse(value);
        if (tags == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Validation failed",
                    Map.of(IF_MATCH, List.of("Must be * or a comma-separated list of entity tags such as \"abc\"")));
        }
        for (String tag : tags) {
            if (!tag.startsWith("W/") && tag.equals(currentTag)) {
                return;
            }
        }
        throw new ApiException(HttpStatus.PRECONDITION_FAILED, "The resource has changed (If-Match does not match its ETag)");
    }

    /** RFC 9110 §8.8.3 entity-tag list; {@code null} when malformed. */
    private static List<String> parse(String value) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            if (value.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || value.charAt(i) != '"') {
                return null;
            }
            int close = value.indexOf('"', i + 1);
            if (close < 0) {
                return null;
            }
            for (int k = i + 1; k < close; k++) {
                char c = value.charAt(k);
                if (c < 0x21 || c == 0x7f) {
                    return null;
                }
            }
            tags.add(value.substring(start, close + 1));
            i = close + 1;
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && value.charAt(i) != ',') {
                return null;
            }
        }
        return tags.isEmpty() ? null : tags;
    }
}
