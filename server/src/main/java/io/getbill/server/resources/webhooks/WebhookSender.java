package io.getbill.server.resources.webhooks;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One delivery attempt over HTTP: {@code POST} of the stored envelope with its signature, through the JDK's
 * {@link HttpClient}. The whole attempt (connection, request, response) is bounded by the timeout (10 s by default);
 * redirects are not followed (a 3xx is a failure, and a receiver cannot bounce the request inward); only 2xx counts
 * as a success. The response body is read and discarded.
 */
@Singleton
public class WebhookSender {

    static final String USER_AGENT = "GetBill-Webhooks/1.0";

    private final Duration timeout;
    private volatile HttpClient client;

    public WebhookSender(WebhookSettings settings) {
        this.timeout = settings.timeout();
    }

    /**
     * The client, built on the first delivery rather than with the bean: building it initialises the JDK's default
     * TLS context (trust store, providers), which cost about 0.3 s on the main thread of every start, before the
     * first token, on a server that may never deliver a webhook.
     */
    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** What an attempt sends: the endpoint, the raw body and the headers that identify it. */
    public record Request(String url, byte[] body, String signature, String eventId, String eventType,
                          String deliveryId, int attempt) {
    }

    public WebhookDeliveries.Attempt send(Request r) {
        long start = System.nanoTime();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(r.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header(WebhookSignature.HEADER, r.signature())
                    .header("X-GetBill-Event", r.eventType())
                    .header("X-GetBill-Event-Id", r.eventId())
                    .header("X-GetBill-Delivery", r.deliveryId())
                    .header("X-GetBill-Attempt", Integer.toString(r.attempt()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()))
                    .build();
        } catch (IllegalArgumentException e) {
            return failure(null, start, "Invalid URL: " + e.getMessage());
        }
        CompletableFuture<HttpResponse<Void>> future = client().sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new WebhookDeliveries.Attempt(true, status, elapsed(start), null, Instant.now());
            }
            return failure(status, start, "Endpoint answered " + status);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failure(null, start, "Timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return failure(null, start, "Timed out after " + timeout.toMillis() + " ms");
            }
            return failure(null, start, describe(cause));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failure(null, start, "Interrupted (server shutting down)");
        }
    }

    private static String describe(Throwable t) {
        String kind = t instanceof IOException ? "Connection error" : "Error";
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return kind + ": " + message;
    }

    private static WebhookDeliveries.Attempt failure(Integer status, long start, String error) {
        return new WebhookDeliveries.Attempt(false, status, elapsed(start), error, Instant.now());
    }

    private static int elapsed(long start) {
        return (int) Math.min(600_000, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
