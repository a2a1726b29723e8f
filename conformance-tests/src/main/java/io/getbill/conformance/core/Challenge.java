package io.getbill.conformance.core;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code WWW-Authenticate} challenge (RFC 9110 §11.6.1): the scheme and its auth-params, e.g.
 * {@code Bearer realm="getbill", error="invalid_token"}.
 */
public record Challenge(String scheme, Map<String, String> params) {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z0-9_.-]+)\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,\\s]+)");

    public static Challenge parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        int space = h.indexOf(' ');
        String scheme = space < 0 ? h : h.substring(0, space);
        Map<String, String> params = new LinkedHashMap<>();
        if (space > 0) {
            Matcher m = PARAM.matcher(h.substring(space + 1));
            while (m.find()) {
                String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(2);
                params.put(m.group(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return new Challenge(scheme, params);
    }

    public boolean isScheme(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }
}
