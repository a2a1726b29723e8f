package io.getbill.conformance.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Assertions for check bodies; each failure carries the expected and the actual value and the exchange. */
public final class Expect {

    private Expect() {
    }

    public static void that(boolean condition, String message, String expected, String actual) {
        if (!condition) {
            throw new CheckFailure(message, expected, actual);
        }
    }

    public static void that(boolean condition, String message, String expected, String actual, Exchange x) {
        if (!condition) {
            throw new CheckFailure(message, expected, actual, x);
        }
    }

    public static void responded(Exchange x) {
        if (x.status() < 0) {
            throw new CheckFailure("no response", "an HTTP response", x.responseBody(), x);
        }
    }

    public static void status(Exchange x, int... allowed) {
        responded(x);
        if (Arrays.stream(allowed).noneMatch(s -> s == x.status())) {
            throw new CheckFailure("unexpected status", "HTTP " + join(allowed), "HTTP " + x.status(), x);
        }
    }

    public static void status4xx(Exchange x) {
        responded(x);
        if (x.status() < 400 || x.status() > 499) {
            throw new CheckFailure("unexpected status", "HTTP 4xx", "HTTP " + x.status(), x);
        }
    }

    /** An RFC 6749 §5.2 error: the status and the {@code error} code of the JSON body. */
    public static void oauthError(Exchange x, int status, String error) {
        status(x, status);
        String actual = x.text("/error");
        that(error.equals(actual), "wrong OAuth error code", "error=\"" + error + "\" (HTTP " + status + ")",
                actual == null ? "no error member in: " + x.responseBody() : "error=\"" + actual + "\"", x);
    }

    public static String header(Exchange x, String name) {
        Optional<String> value = x.header(name);
        that(value.isPresent(), "missing header " + name, name + " present", "absent", x);
        return value.get();
    }

    public static void headerEquals(Exchange x, String name, String expected) {
        String value = header(x, name);
        that(value.trim().equalsIgnoreCase(expected), "wrong " + name, name + ": " + expected, name + ": " + value, x);
    }

    public static void noHeader(Exchange x, String name) {
        Optional<String> value = x.header(name);
        that(value.isEmpty(), "unexpected header " + name, "no " + name, name + ": " + value.orElse(""), x);
    }

    /** {@code Cache-Control: no-store} and {@code Pragma: no-cache} (RFC 6749 §5.1). */
    public static void noStore(Exchange x) {
        String cc = x.header("Cache-Control").orElse("");
        that(Arrays.stream(cc.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT)).anyMatch("no-store"::equals),
                "Cache-Control lacks no-store", "Cache-Control: no-store", cc.isEmpty() ? "absent" : "Cache-Control: " + cc, x);
        String pragma = x.header("Pragma").orElse("");
        that(pragma.toLowerCase(Locale.ROOT).contains("no-cache"), "Pragma lacks no-cache", "Pragma: no-cache",
                pragma.isEmpty() ? "absent" : "Pragma: " + pragma, x);
    }

    /** The RFC 6750 challenge of a response: scheme Bearer, with a realm. */
    public static Challenge bearerChallenge(Exchange x) {
        List<String> values = x.headers("WWW-Authenticate");
        that(!values.isEmpty(), "missing WWW-Authenticate", "WWW-Authenticate: Bearer realm=\"...\"", "absent", x);
        Challenge c = values.stream().map(Challenge::parse).filter(ch -> ch != null && ch.isScheme("Bearer")).findFirst().orElse(null);
        that(c != null, "no Bearer challenge", "WWW-Authenticate: Bearer ...", "WWW-Authenticate: " + String.join(" | ", values), x);
        that(c.param("realm") != null, "the Bearer challenge has no realm", "realm=\"...\"", "WWW-Authenticate: " + values.get(0), x);
        return c;
    }

    /** The resource error envelope with {@code code} equal to the HTTP status. */
    public static JsonNode envelope(Exchange x) {
        JsonNode body = x.json();
        that(body.path("error").asBoolean(false) && body.path("code").asInt(-1) == x.status() && body.hasNonNull("message"),
                "not the API's error envelope", "{\"error\": true, \"message\": ..., \"code\": " + x.status() + ", \"request_id\": ...}",
                x.responseBody(), x);
        return body;
    }

    /** The envelope's {@code details} names the field (exactly, or as a prefix like {@code debts[0].amount}). */
    public static void detailsName(Exchange x, String field) {
        JsonNode details = envelope(x).path("details");
        boolean named = false;
        var it = details.fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            if (key.equals(field) || key.startsWith(field + ".") || key.startsWith(field + "[")) {
                named = true;
            }
        }
        that(named, "details does not name " + field, "details: {\"" + field + "\": [...]}",
                "details: " + (details.isMissingNode() ? "absent" : details.toString()), x);
    }

    private static String join(int[] statuses) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < statuses.length; i++) {
            b.append(i == 0 ? "" : " or ").append(statuses[i]);
        }
        return b.toString();
    }
}
