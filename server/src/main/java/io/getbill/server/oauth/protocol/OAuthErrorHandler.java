package io.getbill.server.oauth.protocol;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Renders every {@link OAuthException} as RFC 6749 §5.2 JSON, with the status {@link OAuthErrorCode} maps it to,
 * {@code WWW-Authenticate: Basic realm="getbill"} when a client that tried HTTP Basic failed to authenticate, and
 * {@code Retry-After} when throttled.
 */
@Singleton
@Produces
public class OAuthErrorHandler implements ExceptionHandler<OAuthException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, OAuthException exception) {
        MutableHttpResponse<?> response = OAuthErrorResponses.of(exception.error(), exception.description(), null);
        if (exception.basicChallenge()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"getbill\"");
        }
        if (exception.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()));
        }
        return response;
    }
}
