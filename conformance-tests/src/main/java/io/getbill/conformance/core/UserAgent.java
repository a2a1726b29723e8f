package io.getbill.conformance.core;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A browser without JavaScript (the RFC 6749 §1 user-agent) for the deployment's sign-in and consent pages: it keeps
 * the cookies the deployment sets, follows no redirect by itself (each 303 is an answer the check inspects, and the
 * client's redirect URI is never visited), reads a page's form fields, and posts forms as a browser does from a page
 * with {@code Referrer-Policy: no-referrer}: form-urlencoded, with {@code Origin: null} (Fetch §3.1.6, "serializing a
 * request origin"). Every request goes through {@link Http}, so it is evidence of the running check and is validated
 * against the contract.
 */
public final class UserAgent {

    private final Http http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public UserAgent(Http http) {
        this.http = http;
    }

    /** GET a path of the deployment, with the cookies kept so far. */
    public Exchange get(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        Http.Request request = http.get(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        if (q >= 0) {
            request.query(pathAndQuery.substring(q + 1));
        }
        return keep(withCookies(request).send());
    }

    /** POST {@code fields} as a form to a path of the deployment. */
    public Exchange post(String path, Map<String, String> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(Forms.encode(k) + "=" + Forms.encode(v)));
        return keep(withCookies(http.post(path)).header("Origin", "null").form(body.toString()).send());
    }

    private Http.Request withCookies(Http.Request request) {
        if (!cookies.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((k, v) -> header.add(k + "=" + v));
            request.header("Cookie", header.toString());
        }
        return request;
    }

    /** Stores the cookies of {@code Set-Cookie}; an empty value or {@code Max-Age=0} deletes one. */
    private Exchange keep(Exchange x) {
        for (String setCookie : x.headers("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            boolean expired = setCookie.toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("max-age=0");
            if (value.isEmpty() || expired) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return x;
    }

    /**
     * The fields a browser would submit from the page's form posting to {@code action}: its hidden inputs, in order
     * (the submit button's name and value are the caller's choice).
     *
     * @throws CheckFailure when the page has no such form
     */
    public static Map<String, String> formFields(Exchange page, String action) {
        Element form = page.responseBody() == null ? null
                : Jsoup.parse(page.responseBody()).selectFirst("form[action=" + action + "]");
        if (form == null) {
            throw new CheckFailure("the page has no form posting to " + action, "<form method=\"post\" action=\"" + action + "\">",
                    "no such form", page);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        return fields;
    }

    /** The {@code Location} of a redirect, or {@code null}. */
    public static String location(Exchange x) {
        return x.header("Location").orElse(null);
    }

    /**
     * The query parameters of a URI, decoded as UTF-8 (RFC 3986 percent-encoding, {@code +} as a space per the
     * form-urlencoded serialisation of RFC 6749 Appendix B); a repeated name keeps every value.
     */
    public static Map<String, List<String>> query(String uri) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String raw;
        try {
            raw = new URI(uri).getRawQuery();
        } catch (Exception e) {
            int q = uri.indexOf('?');
            raw = q < 0 ? null : uri.substring(q + 1).split("#", 2)[0];
        }
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }
        return out;
    }
}
