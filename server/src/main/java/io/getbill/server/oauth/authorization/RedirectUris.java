package io.getbill.server.oauth.authorization;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The redirect URI rules, for registration and for the authorization endpoint alike.
 *
 * <p>Registration (RFC 6749 §3.1.2, RFC 9700 §2.1): absolute, no fragment, no user info, and {@code https} — or
 * {@code http} only on a loopback IP literal ({@code 127.0.0.1} or {@code [::1]}, RFC 8252 §7.3; not the name
 * {@code localhost}, RFC 8252 §8.3).
 *
 * <p>Matching (RFC 9700 §4.1.3): the presented URI must equal a registered one character for character — no
 * normalisation, no prefix or pattern matching, so a trailing slash, an upper-case host or an extra query parameter
 * is another URI. The one exception is RFC 8252 §7.3: for a registered {@code http} loopback URI, the port of the
 * presented URI may differ (native apps get an ephemeral port from the OS); everything else must still be equal.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3">RFC 9700 §4.1.3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252 §7.3</a>
 */
public final class RedirectUris {

    /** Longest redirect URI accepted (the contract's bound). */
    public static final int MAX_LENGTH = 1024;
    /** Most redirect URIs per client (the contract's bound). */
    public static final int MAX_COUNT = 10;

    private RedirectUris() {
    }

    /** Why {@code uri} cannot be registered, or empty when it can. */
    public static Optional<String> registrationProblem(String uri) {
        if (uri == null || uri.isEmpty()) {
            return Optional.of("a redirect URI must not be empty");
        }
        if (uri.length() > MAX_LENGTH) {
            return Optional.of("a redirect URI has at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.of("a redirect URI must be ASCII without spaces or control characters: " + uri);
            }
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URI: " + uri);
        }
        if (!parsed.isAbsolute() || parsed.isOpaque() || parsed.getRawAuthority() == null) {
            return Optional.of("a redirect URI must be absolute (scheme://host/...): " + uri);
        }
        if (parsed.getRawFragment() != null || uri.indexOf('#') >= 0) {
            return Optional.of("a redirect URI must not have a fragment: " + uri);
        }
        if (parsed.getRawUserInfo() != null) {
            return Optional.of("a redirect URI must not carry user information: " + uri);
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            return Optional.of("a redirect URI needs a host: " + uri);
        }
        String scheme = parsed.getScheme();
        if ("https".equals(scheme)) {
            return Optional.empty();
        }
        if ("http".equals(scheme)) {
            return isLoopbackLiteral(parsed.getHost()) ? Optional.empty()
                    : Optional.of("http is allowed only on a loopback IP literal (127.0.0.1 or [::1]): " + uri);
        }
        return Optional.of("a redirect URI must use https (or http on 127.0.0.1 / [::1]): " + uri);
    }

    /** Every registration problem of {@code uris}, in order. */
    public static List<String> registrationProblems(Collection<String> uris) {
        List<String> problems = new ArrayList<>();
        if (uris.size() > MAX_COUNT) {
            problems.add("at most " + MAX_COUNT + " redirect URIs");
        }
        for (String uri : uris) {
            registrationProblem(uri).ifPresent(problems::add);
        }
        return problems;
    }

    /** Whether {@code presented} matches one of {@code registered} under the rules above. */
    public static boolean matchesAny(Collection<String> registered, String presented) {
        if (presented == null) {
            return false;
        }
        for (String candidate : registered) {
            if (candidate.equals(presented) || loopbackPortVariant(candidate, presented)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code uri} is an {@code http} URI on a loopback IP literal (asked for consent every time). */
    public static boolean isPlainHttp(String uri) {
        return uri != null && uri.startsWith("http:");
    }

    private static boolean loopbackPortVariant(String registered, String presented) {
        if (!registered.startsWith("http://127.0.0.1") && !registered.startsWith("http://[::1]")) {
            return false;
        }
        return withoutPort(registered).map(r -> r.equals(withoutPort(presented).orElse(null))).orElse(false);
    }

    /** {@code uri} with its port removed, when it is an http URI on a loopback literal; compared as raw strings. */
    private static Optional<String> withoutPort(String uri) {
        String host;
        if (uri.startsWith("http://127.0.0.1")) {
            host = "http://127.0.0.1";
        } else if (uri.startsWith("http://[::1]")) {
            host = "http://[::1]";
        } else {
            return Optional.empty();
        }
        String rest = uri.substring(host.length());
        if (rest.startsWith(":")) {
            int end = 1;
            while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
                end++;
            }
            if (end == 1 || end > 6) {
                return Optional.empty();
            }
            rest = rest.substring(end);
        }
        if (!rest.isEmpty() && rest.charAt(0) != '/' && rest.charAt(0) != '?') {
            return Optional.empty();
        }
        return Optional.of(host + rest);
    }

    private static boolean isLoopbackLiteral(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("127.0.0.1") || h.equals("[::1]");
    }
}
