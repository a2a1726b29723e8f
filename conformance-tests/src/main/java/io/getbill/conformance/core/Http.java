package io.getbill.conformance.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The kit's HTTP client (JDK {@code java.net.http}, HTTP/1.1). Bodies are sent as raw strings with their content
 * type — form bodies included — so that exactly what a check means to send goes on the wire, and the contract
 * validator sees it. Every exchange is handed to the listeners (the contract recorder, the running check).
 *
 * <p>One rule for rate limits, here and not in the checks: a 429 answer means the deployment declined to let the check
 * run (a client's hourly limit spent by an earlier run, an address throttled), not that it broke a rule. {@link
 * Request#send()} then throws {@link CheckSkipped} naming the operation that was limited and its {@code Retry-After},
 * and the running check is reported as skipped. Only a request marked {@link Request#rateLimitExpected()} — sent by a
 * check whose subject is the 429 itself — returns the 429 to its check.
 */
public final class Http {

    /** Whether the contract validator looks at an exchange's response. */
    public enum Contract {
        /** A request the spec declares: its response must match the operation's declared responses. */
        VALIDATE,
        /** A method or path the spec does not declare (a 405 probe, say): nothing to validate against. */
        SKIP
    }

    /** Receives every exchange. */
    public interface Listener {
        void exchanged(Exchange exchange, Contract contract);
    }

    private final URI base;
    private final HttpClient client;
    private final List<Listener> listeners = new ArrayList<>();

    public Http(URI base) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public Request get(String path) {
        return new Request("GET", path);
    }

    public Request post(String path) {
        return new Request("POST", path);
    }

    public Request put(String path) {
        return new Request("PUT", path);
    }

    public Request delete(String path) {
        return new Request("DELETE", path);
    }

    public Request method(String method, String path) {
        return new Request(method.toUpperCase(java.util.Locale.ROOT), path);
    }

    /** One request being built. {@code path} is relative to the base URL, or an absolute URL. */
    public final class Request {
        private final String method;
        private final String path;
        private String query;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private String body;
        private Contract contract = Contract.VALIDATE;
        private boolean rateLimitExpected;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request header(String name, String value) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        public Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** HTTP Basic per RFC 6749 §2.3.1: id and secret form-urlencoded, then base64. */
        public Request basic(String clientId, String secret) {
            String pair = Forms.encode(clientId) + ":" + Forms.encode(secret);
            return header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        /** A raw query string, already encoded (without the {@code ?}). */
        public Request query(String rawQuery) {
            this.query = rawQuery;
            return this;
        }

        public Request form(String rawForm) {
            return body("application/x-www-form-urlencoded", rawForm);
        }

        public Request json(String json) {
            return body("application/json", json);
        }

        public Request body(String contentType, String content) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            this.body = content;
            return this;
        }

        public Request contract(Contract contract) {
            this.contract = contract;
            return this;
        }

        /** The check judges a 429 itself (the rate-limit and throttling checks): {@link #send()} returns it. */
        public Request rateLimitExpected() {
            this.rateLimitExpected = true;
            return this;
        }

        public Request with(Consumer<Request> customizer) {
            customizer.accept(this);
            return this;
        }

        public Exchange send() {
            String target = path.startsWith("http://") || path.startsWith("https://") ? path : base + path;
            if (query != null && !query.isEmpty()) {
                target = target + (target.contains("?") ? "&" : "?") + query;
            }
            URI uri = URI.create(target);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            for (Map.Entry<String, String> h : headers) {
                builder.header(h.getKey(), h.getValue());
            }
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
            builder.method(method, publisher);
            long start = System.nanoTime();
            Exchange exchange;
            try {
                HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                long millis = (System.nanoTime() - start) / 1_000_000;
                exchange = new Exchange(method, uri.toString(), uri.getRawPath().substring(base.getRawPath().length() > 0
                        && uri.getRawPath().startsWith(base.getRawPath()) ? base.getRawPath().length() : 0),
                        List.copyOf(headers), body, response.statusCode(), response.headers().map(), response.body(), millis);
            } catch (IOException e) {
                exchange = new Exchange(method, uri.toString(), uri.getRawPath(), List.copyOf(headers), body, -1, Map.of(),
                        e.getClass().getSimpleName() + ": " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
            for (Listener l : listeners) {
                l.exchanged(exchange, exchange.status() < 0 ? Contract.SKIP : contract);
            }
            if (exchange.status() == 429 && !rateLimitExpected) {
                throw rateLimited(exchange);
            }
            return exchange;
        }
    }

    /** The skip reason for a 429: which operation was limited, for whom, and when to try again. */
    static CheckSkipped rateLimited(Exchange x) {
        String retryAfter = x.header("Retry-After").map(v -> v + " s").orElse("not given");
        String who = x.requestHeader("Authorization").map(Http::caller).orElse("");
        return new CheckSkipped("rate limited: " + x.method() + " " + x.path() + who + " answered 429 (Retry-After "
                + retryAfter + "); the check could not run — run again after that delay, or raise the client's limits"
                + " (see docs/conformance-kit.md)");
    }

    /** The {@code client_id} claim of the JWT in a {@code Bearer} Authorization header, if it is one and has it. */
    static java.util.Optional<String> bearerClientId(String authorization) {
        if (!authorization.toLowerCase(java.util.Locale.ROOT).startsWith("bearer ")) {
            return java.util.Optional.empty();
        }
        try {
            Object id = com.nimbusds.jwt.SignedJWT.parse(authorization.substring(7).trim()).getJWTClaimsSet().getClaim("client_id");
            return java.util.Optional.ofNullable(id).map(Object::toString);
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    /** " for client X" from a bearer token's client_id or a Basic header's user, or nothing. */
    private static String caller(String authorization) {
        try {
            String lower = authorization.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("bearer ")) {
                return bearerClientId(authorization).map(id -> " for client " + id).orElse("");
            }
            if (lower.startsWith("basic ")) {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? "" : " for client " + java.net.URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            // not a JWT or not Basic: say nothing of the caller
        }
        return "";
    }
}
