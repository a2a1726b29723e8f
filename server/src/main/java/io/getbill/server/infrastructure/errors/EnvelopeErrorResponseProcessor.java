package io.getbill.server.infrastructure.errors;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
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
 * constraint violations (400), body too large (413), request line too long (414), header section too large (431),
 * unexpected failures (500) — with this API's two error families: the envelope of {@link ErrorEnvelopes}, or the
 * {@link ErrorFamily} of the path. Server errors never reveal a stack trace or an exception message.
 *
 * <p>A failure caused by an unreachable database ({@link DatabaseUnavailable}) is a {@code 503} with
 * {@code Retry-After}, not a 500: the resource envelope, or the family's own answer (on the OAuth endpoints RFC 6749's
 * {@code temporarily_unavailable}).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class EnvelopeErrorResponseProcessor implements ErrorResponseProcessor<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeErrorResponseProcessor.class);

    private final List<ErrorFamily> families;

    public EnvelopeErrorResponseProcessor(List<ErrorFamily> families) {
        this.families = families;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpRequest<?> request = context.getRequest();
        HttpStatus status = transportStatus(request, base.getStatus());
        if (status.getCode() >= 500 && context.getRootCause().filter(DatabaseUnavailable::isCause).isPresent()) {
            LOG.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getPath(),
                    context.getRootCause().map(Throwable::toString).orElse("-"));
            return (MutableHttpResponse<Object>) unavailable(request);
        }
        if (status.getCode() >= 500) {
            context.getRootCause().ifPresent(t -> LOG.error("Unhandled error on {} {}", request.getMethod(), request.getPath(), t));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} on {} {}: {}", status.getCode(), request.getMethod(), request.getPath(),
                    context.getRootCause().map(Throwable::toString).orElse("-"));
        }
        if (status.getCode() < 500) {
            for (ErrorFamily family : families) {
                if (family.speaksFor(request)) {
                    MutableHttpResponse<?> response = family.refusal(status);
                    copyAllow(base, response);
                    return (MutableHttpResponse<Object>) response;
                }
            }
        }
        MutableHttpResponse<?> response = ErrorEnvelopes.envelope(request, status, message(status, context), details(context, status));
        copyAllow(base, response);
        return (MutableHttpResponse<Object>) response;
    }

    /** 503 for a request that failed because the database could not be reached. */
    private MutableHttpResponse<?> unavailable(HttpRequest<?> request) {
        MutableHttpResponse<?> response = null;
        for (ErrorFamily family : families) {
            if (family.speaksFor(request)) {
                response = family.unavailable();
                break;
            }
        }
        if (response == null) {
            response = ErrorEnvelopes.envelope(request, HttpStatus.SERVICE_UNAVAILABLE,
                    "Service temporarily unavailable; retry later", Map.of());
        }
        return response.header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
    }

    /**
     * The status of a request Netty could not decode: its decoder reports every over-long part as "too large"
     * (413), but a request line over the limit is 414 (RFC 9110 §15.5.15) and a header section over it is 431
     * (RFC 6585 §5).
     */
    private static HttpStatus transportStatus(HttpRequest<?> request, HttpStatus status) {
        if (status != HttpStatus.REQUEST_ENTITY_TOO_LARGE || !(request instanceof NettyHttpRequest<?> netty)) {
            return status;
        }
        DecoderResult decoded = netty.getNativeRequest().decoderResult();
        if (decoded == null || !decoded.isFailure()) {
            return status;
        }
        if (decoded.cause() instanceof TooLongHttpLineException) {
            return HttpStatus.REQUEST_URI_TOO_LONG;
        }
        if (decoded.cause() instanceof TooLongHttpHeaderException) {
            return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return status;
    }

    private static void copyAllow(MutableHttpResponse<?> from, MutableHttpResponse<?> to) {
        String allow = from.getHeaders().get(HttpHeaders.ALLOW);
        if (allow != null) {
            to.header(HttpHeaders.ALLOW, allow);
        }
    }

    private static String message(HttpStatus status, ErrorContext context) {
        return switch (status) {
            case NOT_FOUND -> "Resource not found";
            case METHOD_NOT_ALLOWED -> "Method not allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/json";
            case REQUEST_ENTITY_TOO_LARGE -> "Request body too large";
            case REQUEST_URI_TOO_LONG -> "Request URI too long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "Request header fields too large";
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
