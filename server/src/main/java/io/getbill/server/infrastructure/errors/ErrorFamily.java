package io.getbill.server.infrastructure.errors;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * An error family other than the API's envelope, spoken by some paths (RFC 6749 §5.2 JSON on the OAuth endpoints).
 * {@link EnvelopeErrorResponseProcessor} asks it to answer the client errors the framework raises on those paths
 * before any endpoint runs (wrong method, wrong content type, unreadable body), and the requests that failed because
 * the database could not be reached ({@link DatabaseUnavailable}); the family's own module maps its errors to HTTP.
 */
public interface ErrorFamily {

    boolean speaksFor(HttpRequest<?> request);

    /** The answer to a request the framework refused with {@code status}, a 4xx. */
    MutableHttpResponse<?> refusal(HttpStatus status);

    /**
     * The answer to a request that failed because the database could not be reached: a {@code 503} in the family's
     * own body ({@code Retry-After} is added by the caller).
     */
    MutableHttpResponse<?> unavailable();
}
