package io.getbill.conformance.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request the kit sent and the response it got, as evidence for a check. Secrets are redacted when the
 * exchange is printed: Basic credentials, bearer tokens (all but their first characters), {@code client_secret},
 * {@code refresh_token}, {@code token}, {@code csrf_token} and {@code password} form values, the admin and user
 * session cookies.
 *
 * @param path the request path without the base URL's own path and without the query string
 */
public record Exchange(String method, String url, String path, List<Map.Entry<String, String>> requestHeaders,
                       String requestBody, int status, Map<String, List<String>> responseHeaders,
                       String responseBody, long millis) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET_FORM_VALUE = Pattern.compile("((?:client_secret|refresh_token|token|password)=)[^&]*");
    private static final Pattern SECRET_JSON_VALUE = Pattern.compile("(\"(?:password|client_secret|csrf_token)\"\\s*:\\s*\")[^\"]*");
    private static final Pattern SESSION_COOKIE = Pattern.compile("((?:getbill_admin_session|getbill_session)=)[^;\\s]+");
    private static final int MAX_BODY = 2000;

    /** The first value of a response header (case-insensitive name), if any. */
    public Optional<String> header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a response header (case-insensitive name). */
    public List<String> headers(String name) {
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** The first value of a request header this exchange sent. */
    public Optional<String> requestHeader(String name) {
        return requestHeaders.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The response body as JSON; a missing node when it is not JSON. */
    public JsonNode json() {
        try {
            JsonNode node = responseBody == null || responseBody.isBlank() ? null : JSON.readTree(responseBody);
            return node == null ? MissingNode.getInstance() : node;
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    /** A text value at a JSON pointer ({@code /data/id}), or {@code null}. */
    public String text(String pointer) {
        JsonNode n = json().at(pointer);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    public String contentType() {
        return header("Content-Type").orElse(null);
    }

    public String describeRequest() {
        StringBuilder b = new StringBuilder(method).append(' ').append(url).append('\n');
        for (Map.Entry<String, String> h : requestHeaders) {
            b.append(h.getKey()).append(": ").append(redactHeader(h.getKey(), h.getValue())).append('\n');
        }
        if (requestBody != null && !requestBody.isEmpty()) {
            b.append('\n').append(truncate(redactBody(requestBody))).append('\n');
        }
        return b.toString();
    }

    public String describeResponse() {
        if (status < 0) {
            return "(no response: " + responseBody + ")\n";
        }
        StringBuilder b = new StringBuilder("HTTP ").append(status).append('\n');
        responseHeaders.forEach((k, v) -> {
            if (k != null && !k.equalsIgnoreCase(":status")) {
                v.forEach(value -> b.append(k).append(": ").append(redactCookie(value)).append('\n'));
            }
        });
        if (responseBody != null && !responseBody.isEmpty()) {
            b.append('\n').append(truncate(redactJson(responseBody))).append('\n');
        }
        return b.toString();
    }

    /** One line: method, path and status. */
    public String summary() {
        return method + " " + path + " -> " + (status < 0 ? "no response" : Integer.toString(status));
    }

    static String redactHeader(String name, String value) {
        if (value != null && (name.equalsIgnoreCase("Cookie") || name.equalsIgnoreCase("Set-Cookie"))) {
            return redactCookie(value);
        }
        if (value != null && name.equalsIgnoreCase("X-CSRF-Token")) {
            return "<redacted>";
        }
        if (!name.equalsIgnoreCase("Authorization") || value == null) {
            return value;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("basic ")) {
            return value.substring(0, 6) + "<redacted>";
        }
        if (lower.startsWith("bearer ") && value.length() > 7 + 12) {
            return value.substring(0, 7 + 12) + "...<redacted>";
        }
        return value;
    }

    /** The admin and user session cookies' values, hidden. */
    static String redactCookie(String value) {
        return SESSION_COOKIE.matcher(value).replaceAll("$1<redacted>");
    }

    /** Passwords, client secrets and CSRF tokens in a JSON body, hidden. */
    static String redactJson(String body) {
        return SECRET_JSON_VALUE.matcher(body).replaceAll("$1<redacted>");
    }

    static String redactBody(String body) {
        body = redactJson(body);
        Matcher m = SECRET_FORM_VALUE.matcher(body);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + "<redacted>"));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String truncate(String s) {
        return s.length() <= MAX_BODY ? s : s.substring(0, MAX_BODY) + "... (" + s.length() + " characters)";
    }
}
