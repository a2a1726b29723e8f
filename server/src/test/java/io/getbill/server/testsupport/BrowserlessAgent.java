package io.getbill.server.testsupport;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser without JavaScript for the authorization pages: keeps cookies, follows nothing by itself (each redirect is
 * an answer the test inspects), reads the hidden fields of a page's forms.
 */
public final class BrowserlessAgent {

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public BrowserlessAgent(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public String base() {
        return base;
    }

    /** GET a path of the server (or an absolute URL). */
    public HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** POST a form (fields in order, form-urlencoded). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return postRaw(path, encode(fields));
    }

    public HttpResponse<String> postRaw(String path, String body) {
        // What a browser sends for a form post from a page with Referrer-Policy: no-referrer (Fetch §3.1.6).
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "null")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The hidden and submit-less fields of the page's form posting to {@code action}. */
    public static Map<String, String> formFields(HttpResponse<String> page, String action) {
        Document document = Jsoup.parse(page.body());
        Element form = document.selectFirst("form[action=" + action + "]");
        if (form == null) {
            throw new AssertionError("no form posting to " + action + " in:\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            fields.put(input.attr("name"), input.attr("value"));
        }
        return fields;
    }

    /** The Location header of a redirect answer. */
    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location, status "
                + response.statusCode()));
    }

    /** The decoded query parameters of a URI (first value of each). */
    public static Map<String, String> query(String uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(uri).getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    public static String encode(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return body.toString();
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
