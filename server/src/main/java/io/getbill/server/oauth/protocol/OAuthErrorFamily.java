package io.getbill.server.oauth.protocol;

import io.getbill.server.infrastructure.errors.ErrorFamily;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * RFC 6749 §5.2 for the OAuth endpoints: every malformed request the framework refuses there (wrong method, wrong
 * content type, unreadable form) is {@code invalid_request}. 405 keeps its status so that the Allow header stays
 * meaningful, and the transport's refusals of a request too large to read (413, 414, 431) keep theirs
 * (RFC 9110 §15.5). A request that failed because the database could not be reached is {@code temporarily_unavailable}
 * with {@code 503} (RFC 6749 §5.2 names the code for exactly this; the 429 of {@link OAuthErrorCode} is for throttling).
 */
@Singleton
public class OAuthErrorFamily implements ErrorFamily {

    @Override
    public boolean speaksFor(HttpRequest<?> request) {
        return OAuthEndpoints.isClientEndpoint(request);
    }

    @Override
    public MutableHttpResponse<?> refusal(HttpStatus status) {
        HttpStatus kept = switch (status) {
            case METHOD_NOT_ALLOWED, REQUEST_ENTITY_TOO_LARGE, REQUEST_URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> status;
            default -> null;
        };
        return OAuthErrorResponses.of(OAuthErrorCode.INVALID_REQUEST, describe(status), kept);
    }

    @Override
    public MutableHttpResponse<?> unavailable() {
        return OAuthErrorResponses.of(OAuthErrorCode.TEMPORARILY_UNAVAILABLE,
                "The service is temporarily unavailable; retry later", HttpStatus.SERVICE_UNAVAILABLE);
    }

    private static String describe(HttpStatus status) {
        return switch (status) {
            case METHOD_NOT_ALLOWED -> "Method not allowed; use POST";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/x-www-form-urlencoded";
            case REQUEST_ENTITY_TOO_LARGE -> "Request body too large";
            case REQUEST_URI_TOO_LONG -> "Request URI too long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "Request header fields too large";
            default -> "Malformed request";
        };
    }
}
