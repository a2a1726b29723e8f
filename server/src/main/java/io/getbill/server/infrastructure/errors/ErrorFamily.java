package io.getbill.server.infrastructure.errors;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * An error family other than the API's envelope, spoken by some paths (RFC 6749 §5.2 JSON on the OAuth endpoints).
 * {@link EnvelopeErrorResponseProcessor} asks it to answer the client errors the framework raises on those paths
 * before any endpoint runs (wrong method, wrong content type, unreadable body); the family's own module maps its
 * errors to HTTP.
 */
public interface ErrorFamily {

    boolean speaksFor(HttpRequest<?> request);

    /** The answer to a request the framework refused with {@code status}, a 4xx. */
    MutableHttpResponse<?> refusal(HttpStatus status);
}
