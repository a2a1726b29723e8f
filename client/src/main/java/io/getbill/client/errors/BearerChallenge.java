package io.getbill.client.errors;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Bearer} challenge of a {@code WWW-Authenticate} header: {@code realm}, {@code error}
 * ({@code invalid_request}, {@code invalid_token}, {@code insufficient_scope}), {@code error_description}
 * and {@code scope}. Immutable.
 *
 * <p>Parses the auth-param syntax of RFC 9110 §11.6.1 (quoted strings with escapes, several challenges in
 * one header or across headers); the scheme name is matched case-insensitively.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
public final class BearerChallenge {
    /** RFC 6750 §3.1: the access token is expired, revoked, malformed or invalid for other reasons. */
    public static final String INVALID_TOKEN = "invalid_token";
    /** RFC 6750 §3.1: the token lacks the scope the operation requires. */
    public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

    private final Map<String, String> params;

    private BearerChallenge(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(params);
    }

    /** The first {@code Bearer} challenge among the {@code WWW-Authenticate} headers of a response. */
    public static Optional<BearerChallenge> from(HttpHeaders headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String value : headers.allValues("WWW-Authenticate")) {
            Optional<BearerChallenge> challenge = parse(value);
            if (challenge.isPresent()) {
                return challenge;
            }
        }
        return Optional.empty();
    }

    /** The first {@code Bearer} challenge in one {@code WWW-Authenticate} value. */
    public static Optional<BearerChallenge> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Map<String, String> bearer = null;
        Map<String, String> current = null;
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ',' || Character.isWhitespace(header.charAt(i)))) {
                i++;
            }
            int start = i;
            while (i < n && "=, \t".indexOf(header.charAt(i)) < 0) {
                i++;
            }
            String token = header.substring(start, i);
            if (token.isEmpty()) {
                i++;
                continue;
            }
            int afterToken = i;
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && header.charAt(i) == '=') {
                i++;
                while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                    i++;
                }
                StringBuilder value = new StringBuilder();
                if (i < n && header.charAt(i) == '"') {
                    i++;
                    while (i < n && header.charAt(i) != '"') {
                        if (header.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        value.append(header.charAt(i++));
                    }
                    i++;
                } else {
                    while (i < n && header.charAt(i) != ',' && !Character.isWhitespace(header.charAt(i))) {
                        value.append(header.charAt(i++));
                    }
                }
                if (current != null) {
                    current.put(token.toLowerCase(Locale.ROOT), value.toString());
                }
            } else {
                i = afterToken;
                if (bearer != null) {
                    break;
                }
                current = new LinkedHashMap<>();
                if (token.equalsIgnoreCase("Bearer")) {
                    bearer = current;
                }
            }
        }
        return bearer == null ? Optional.empty() : Optional.of(new BearerChallenge(bearer));
    }

    /** {@code realm}, if given. */
    public Optional<String> realm() {
        return Optional.ofNullable(params.get("realm"));
    }

    /** The RFC 6750 error code; empty when the request carried no token at all (§3.1). */
    public Optional<String> error() {
        return Optional.ofNullable(params.get("error"));
    }

    /** {@code error_description}, if given. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(params.get("error_description"));
    }

    /** {@code scope}: the space-separated scopes the operation requires, if given. */
    public Optional<String> scope() {
        return Optional.ofNullable(params.get("scope"));
    }

    /** {@link #scope()} split into single scopes; empty when absent. */
    public List<String> scopes() {
        return scope().map(s -> List.copyOf(new ArrayList<>(Arrays.asList(s.trim().split("\\s+")))))
                .filter(list -> !(list.size() == 1 && list.get(0).isEmpty()))
                .orElse(List.of());
    }

    /** Whether {@code error="invalid_token"}: a renewed token may succeed. */
    public boolean isInvalidToken() {
        return INVALID_TOKEN.equals(params.get("error"));
    }

    /** Every auth-param, names in lower case. */
    public Map<String, String> params() {
        return params;
    }

    @Override
    public String toString() {
        return "Bearer " + params;
    }
}
