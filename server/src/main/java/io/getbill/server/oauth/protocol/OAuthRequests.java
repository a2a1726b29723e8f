package io.getbill.server.oauth.protocol;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the raw form body of an OAuth endpoint request (on a blocking thread) for the one client-authentication step
 * of the token, revocation and introspection endpoints, never more than
 * {@value #MAX_FORM_BYTES} bytes: a larger {@code Content-Length} is refused with 413 before any of the body is read,
 * and a chunked body is refused with 413 as soon as it passes the limit, without reading the rest.
 */
public final class OAuthRequests {

    /** Far above any legitimate token request; larger bodies are refused with 413. */
    static final int MAX_FORM_BYTES = 16 * 1024;
    /** A body slower than this to arrive is {@code invalid_request}. */
    private static final long READ_TIMEOUT_SECONDS = 10;

    private OAuthRequests() {
    }

    public static FormParameters form(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.matches(type)) {
            throw OAuthException.invalidRequest("Content-Type must be application/x-www-form-urlencoded");
        }
        if (!(request instanceof ServerHttpRequest<?> server)) {
            throw new IllegalStateException("Not a server request");
        }
        long declared = request.getContentLength();
        if (declared > MAX_FORM_BYTES) {
            throw new ContentLengthExceededException(MAX_FORM_BYTES, declared);
        }
        BoundedRead read = new BoundedRead(MAX_FORM_BYTES);
        server.byteBody().split().toByteArrayPublisher().subscribe(read);
        try {
            return FormParameters.parse(read.result.get(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OAuthException.invalidRequest("The request body could not be read");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ContentLengthExceededException tooLarge) {
                throw tooLarge;
            }
            throw OAuthException.invalidRequest("The request body could not be read");
        } catch (TimeoutException e) {
            read.cancel();
            throw OAuthException.invalidRequest("The request body could not be read");
        }
    }

    /** Collects a body chunk by chunk and cancels it once it passes the limit. */
    private static final class BoundedRead implements Subscriber<byte[]> {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Subscription subscription;

        BoundedRead(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(byte[] chunk) {
            if (result.isDone()) {
                return;
            }
            if (bytes.size() + chunk.length > limit) {
                subscription.cancel();
                result.completeExceptionally(new ContentLengthExceededException(limit, (long) bytes.size() + chunk.length));
                return;
            }
            bytes.write(chunk, 0, chunk.length);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        void cancel() {
            Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
