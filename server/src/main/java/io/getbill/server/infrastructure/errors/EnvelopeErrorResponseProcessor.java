package io.getbill.server.infrastructure.errors;

import io.getbill.server.oauth.protocol.OAuthErrorCode;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces Micronaut's own error bodies ({@code _links}, {@code _embedded}) for every error the framework raises
 * itself — unknown route (404), wrong method (405), wrong content type (415), unreadable body, conversion and
 * constraint violations (400), body too large (413), unexpected failures (500) — with this API's two error
 * families (see {@link ErrorEnvelopes}). Server errors never reveal a stack trace or an exception message.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class EnvelopeErrorResponseProcessor implements ErrorResponseProcessor<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeErrorResponseProcessor.class);

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpRequest<?> request = context.getRequest();
        HttpStatus status = base.getStatus();
        if (status.getCode() >= 500) {
            context.getRootCause().ifPresent(t -> LOG.error("Unhandled error on {} {}", request.getMethod(), request.getPath(), t));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} on {} {}: {}", status.getCode(), request.getMethod(), request.getPath(),
                    context.getRootCause().map(Throwable::toString).orElse("-"));
        }
        if (ErrorEnvelopes.isOAuthEndpoint(request) && status.getCode() < 500) {
            // RFC 6749 §5.2: every malformed token-endpoint request (wrong method, wrong content type, unreadable
            // form) is invalid_request. 405 keeps its status so that the Allow header stays meaningful.
            HttpStatus oauthStatus = status == HttpStatus.METHOD_NOT_ALLOWED ? status : null;
            MutableHttpResponse<?> response = ErrorEnvelopes.oauth(OAuthErrorCode.INVALID_REQUEST, describe(status), oauthStatus);
            copyAllow(base, response);
            return (MutableHttpResponse<Object>) response;
        }
        MutableHttpResponse<?> response = ErrorEnvelopes.envelope(request, status, message(status, context), details(context, status));
        copyAllow(base, response);
        return (MutableHttpResponse<Object>) response;
    }

    private static void copyAllow(MutableHttpResponse<?> from, MutableHttpResponse<?> to) {
        String allow = from.getHeaders().get(HttpHeaders.ALLOW);
        if (allow != null) {
            to.header(HttpHeaders.ALLOW, allow);
        }
    }

    private static String describe(HttpStatus status) {
        return switch (status) {
            case METHOD_NOT_ALLOWED -> "Method not allowed; use POST";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/x-www-form-urlencoded";
            case REQUEST_ENTITY_TOO_LARGE -> "Request body too large";
            default -> "Malformed request";
        };
    }

    private static String message(HttpStatus status, ErrorContext context) {
        return switch (status) {
            case NOT_FOUND -> "Resource not found";
            case METHOD_NOT_ALLOWED -> "Method not allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/json";
            case REQUEST_ENTITY_TOO_LARGE -> "Request body too large";
            case BAD_REQUEST -> context.hasErrors() && hasFieldErrors(context) ? "Validation failed" : "Malformed request";
            default -> status.getCode() >= 500 ? "Internal server error" : status.getReason();
        };
    }

    private static boolean hasFieldErrors(ErrorContext context) {
        return context.getErrors().stream().anyMatch(e -> e.getPath().isPresent());
    }

    /** Framework validation errors by field: the last segment of the violation path (e.g. {@code limit}). */
    private static Map<String, List<String>> details(ErrorContext context, HttpStatus status) {
        if (status != HttpStatus.BAD_REQUEST) {
            return Map.of();
        }
        Map<String, List<String>> details = new LinkedHashMap<>();
        for (Error error : context.getErrors()) {
            error.getPath().ifPresent(path -> {
                String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
                details.computeIfAbsent(field, k -> new ArrayList<>()).add(error.getMessage());
            });
        }
        return details;
    }
}
