package io.getbill.server.http;

import io.micronaut.http.HttpRequest;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The correlation id of a request: the caller's {@code X-Request-Id} when well formed, otherwise a fresh UUID.
 * A correlation id needs to be unique, not unpredictable: it comes from {@link ThreadLocalRandom}, which costs
 * nothing, not from the secure generator. */
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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }
}
