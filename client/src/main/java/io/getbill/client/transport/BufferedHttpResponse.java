package io.getbill.client.transport;

import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response whose body was read into memory (so the transport could look at it before deciding to retry),
 * handed to the caller through the caller's own {@link HttpResponse.BodyHandler}. Immutable.
 */
final class BufferedHttpResponse<T> implements HttpResponse<T> {
    private final HttpResponse<byte[]> raw;
    private final T body;

    private BufferedHttpResponse(HttpResponse<byte[]> raw, T body) {
        this.raw = raw;
        this.body = body;
    }

    /** Replays {@code raw}'s bytes through {@code handler}, as if the caller had received them. */
    static <T> HttpResponse<T> replay(HttpResponse<byte[]> raw, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return raw.statusCode();
            }

            @Override
            public HttpHeaders headers() {
                return raw.headers();
            }

            @Override
            public HttpClient.Version version() {
                return raw.version();
            }
        };
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        byte[] bytes = raw.body() == null ? new byte[0] : raw.body();
        AtomicBoolean delivered = new AtomicBoolean();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n > 0 && delivered.compareAndSet(false, true)) {
                    if (bytes.length > 0) {
                        subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
                    }
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                delivered.set(true);
            }
        });
        if (delivered.compareAndSet(false, true)) {
            // The subscriber did not ask (some only ask when their body is read): give it everything now.
            if (bytes.length > 0) {
                subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
            }
            subscriber.onComplete();
        }
        try {
            return new BufferedHttpResponse<>(raw, subscriber.getBody().toCompletableFuture().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while handing over a response body", e);
        } catch (ExecutionException e) {
            throw new IOException("The response body could not be handed over", e.getCause());
        }
    }

    @Override
    public int statusCode() {
        return raw.statusCode();
    }

    @Override
    public HttpRequest request() {
        return raw.request();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return raw.headers();
    }

    @Override
    public T body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return raw.sslSession();
    }

    @Override
    public URI uri() {
        return raw.uri();
    }

    @Override
    public HttpClient.Version version() {
        return raw.version();
    }
}
