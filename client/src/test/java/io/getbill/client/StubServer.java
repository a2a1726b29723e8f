package io.getbill.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP server answering scripted responses per method and path, recording every request. */
final class StubServer implements AutoCloseable {

    /** One request as received. */
    record Received(String method, String path, String query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** One scripted answer. */
    record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, 0);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Reply(status, copy, body, delayMillis);
        }

        Reply delayedBy(long millis) {
            return new Reply(status, headers, body, millis);
        }
    }

    /** Chooses the answer for the n-th request (from 1) to a route. */
    @FunctionalInterface
    interface Responder {
        Reply reply(Received request, int n);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    private StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static StubServer start() throws IOException {
        return new StubServer();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    StubServer on(String method, String path, Responder responder) {
        routes.put(method + " " + path, responder);
        return this;
    }

    StubServer on(String method, String path, Reply reply) {
        return on(method, path, (request, n) -> reply);
    }

    /** A token endpoint that issues {@code at-1}, {@code at-2}, … valid {@code expiresIn} seconds, with refresh tokens when asked. */
    StubServer tokenEndpoint(int expiresIn, boolean withRefreshTokens) {
        return on("POST", "/token", (request, n) -> Reply.json(200, tokenJson("at-" + n, expiresIn,
                withRefreshTokens ? "rt-" + n : null)));
    }

    static String tokenJson(String accessToken, int expiresIn, String refreshToken) {
        return "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
                + ",\"scope\":\"debts:read debts:write\""
                + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"") + "}";
    }

    int count(String path) {
        return (int) requests(path).size();
    }

    List<Received> requests(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            received.add(request);
            String key = request.method() + " " + request.path();
            Responder responder = routes.get(key);
            Reply reply = responder == null
                    ? Reply.json(404, "{\"error\":true,\"message\":\"No stub for " + key + "\",\"code\":404,\"request_id\":\"stub\"}")
                    : responder.reply(request, hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // The client timed out and closed the connection: nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
