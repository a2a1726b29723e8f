package io.getbill.conformance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A deliberately broken deployment: a small HTTP proxy in front of the real server that lets one {@link Breakage}
 * rewrite each request or response, so the self-tests can assert that the kit fails with the right check.
 */
final class BreakingProxy implements AutoCloseable {

    /** What reaches the server and what comes back, both mutable by a breakage. */
    static final class Message {
        String method;
        String path;
        final Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        byte[] requestBody;
        int status;
        final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        byte[] responseBody;

        String responseText() {
            return new String(responseBody, java.nio.charset.StandardCharsets.UTF_8);
        }

        void removeResponseHeader(String name) {
            responseHeaders.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        }

        List<String> requestHeader(String name) {
            return requestHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(List.of());
        }
    }

    /** One way of being broken. */
    interface Breakage {
        default void request(Message m) {
        }

        default void response(Message m) {
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "upgrade", "expect", "keep-alive", "te", "trailer");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private volatile Breakage breakage = new Breakage() {
    };

    BreakingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(Executors.newFixedThreadPool(4));
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    void breakWith(Breakage b) {
        this.breakage = b;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Message m = new Message();
            m.method = ex.getRequestMethod();
            m.path = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            ex.getRequestHeaders().forEach((k, v) -> m.requestHeaders.put(k, new ArrayList<>(v)));
            try (InputStream in = ex.getRequestBody()) {
                m.requestBody = in.readAllBytes();
            }
            Breakage b = breakage;
            b.request(m);
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(target + m.path));
            m.requestHeaders.forEach((k, vs) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT))) {
                    vs.forEach(v -> rb.header(k, v));
                }
            });
            rb.method(m.method, m.requestBody.length == 0 && (m.method.equals("GET") || m.method.equals("DELETE"))
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(m.requestBody));
            HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            m.status = r.statusCode();
            r.headers().map().forEach((k, v) -> {
                if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                    m.responseHeaders.put(k, new ArrayList<>(v));
                }
            });
            m.responseBody = r.body();
            b.response(m);
            m.responseHeaders.forEach((k, vs) -> ex.getResponseHeaders().put(k, vs));
            ex.sendResponseHeaders(m.status, m.responseBody.length == 0 ? -1 : m.responseBody.length);
            if (m.responseBody.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(m.responseBody);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
