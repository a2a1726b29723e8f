package io.getbill.server.oauth.protocol;

import io.getbill.server.infrastructure.errors.ErrorFamily;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * RFC 6749 §5.2 for the OAuth endpoints: every malformed request the framework refuses there (wrong method, wrong
 * content type, unreadable form) is {@code invalid_request}. 405 keeps its status so that the Allow header stays
 * meaningful.
 */
@Singleton
public class OAuthErrorFamily implements ErrorFamily {

    @Override
    public boolean speaksFor(HttpRequest<?> request) {
        return OAuthEndpoints.isClientEndpoint(request);
    }

    @Override
    public MutableHttpResponse<?> refusal(HttpStatus status) {
        HttpStatus kept = status == HttpStatus.METHOD_NOT_ALLOWED ? status : null;
        return OAuthErrorResponses.of(OAuthErrorCode.INVALID_REQUEST, describe(status), kept);
    }

    private static String describe(HttpStatus status) {
        return switch (status) {
            case METHOD_NOT_ALLOWED -> "Method not allowed; use POST";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/x-www-form-urlencoded";
            case REQUEST_ENTITY_TOO_LARGE -> "Request body too large";
            default -> "Malformed request";
        };
    }
}
