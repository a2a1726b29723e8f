package io.getbill.server.infrastructure.http;

import io.getbill.server.infrastructure.crypto.RandomValues;
import io.micronaut.http.HttpRequest;

import java.util.regex.Pattern;

/** The correlation id of a request: the caller's {@code X-Request-Id} when well formed, otherwise a fresh UUID. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "getbill.request-id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {
    }

    /** The id assigned to {@code request} by {@link RequestIdFilter} (assigning one if the filter has not run). */
    public static String of(HttpRequest<?> request) {
        if (request == null) {
            return fresh();
        }
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> assign(request));
    }

    static String assign(HttpRequest<?> request) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && VALID.matcher(given).matches() ? given : fresh();
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    private static String fresh() {
        return RandomValues.uuid().toString(); // the shared generator, not UUID.randomUUID()'s NativePRNG
    }
}
