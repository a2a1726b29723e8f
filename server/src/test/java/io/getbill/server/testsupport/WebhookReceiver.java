package io.getbill.server.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real HTTP receiver for webhook deliveries on 127.0.0.1 (JDK {@code HttpServer}): records every request (raw body
 * bytes, headers, arrival time) and answers what {@link #answer} says — 200 by default, or a status chosen per
 * request number, or a delay to make the sender time out.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request; header names are case-insensitive. */
    public record Received(byte[] body, Map<String, String> headers, Instant at) {
        public String header(String name) {
            return headers.get(name);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** What to answer: a status and an optional delay before answering. */
    public record Answer(int status, Duration delay) {
        public static Answer status(int status) {
            return new Answer(status, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Received> received = new ArrayList<>();
    private final AtomicReference<Function<Integer, Answer>> answer = new AtomicReference<>(n -> Answer.status(200));

    private WebhookReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static WebhookReceiver start() {
        return start(0);
    }

    public static WebhookReceiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
            ExecutorService executor = Executors.newFixedThreadPool(32);
            WebhookReceiver receiver = new WebhookReceiver(server, executor);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
                headers.put(":path", exchange.getRequestURI().toString());
                headers.put(":method", exchange.getRequestMethod());
                int number;
                synchronized (receiver.received) {
                    receiver.received.add(new Received(body, headers, Instant.now()));
                    number = receiver.received.size();
                    receiver.received.notifyAll();
                }
                Answer a = receiver.answer.get().apply(number);
                if (!a.delay().isZero()) {
                    // A slow endpoint, as configured by the test: the receiver simulates it, nothing waits for it.
                    try {
                        Thread.sleep(a.delay().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.sendResponseHeaders(a.status(), -1);
                exchange.close();
            });
            server.setExecutor(executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to answer request number n (from 1, counted over this receiver's life). */
    public WebhookReceiver answer(Function<Integer, Answer> how) {
        answer.set(how);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until at least {@code count} received requests match, and returns them all (in arrival order). */
    public List<Received> await(Predicate<Received> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<Received> matching = received.stream().filter(match).toList();
                long left = deadline - System.nanoTime();
                if (matching.size() >= count || left <= 0) {
                    return matching;
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return matching;
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
