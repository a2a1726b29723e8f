package io.getbill.server.resources.ratelimit;

import io.getbill.server.api.model.RateLimitDetails;
import io.getbill.server.api.model.RateLimitErrorResponse;
import io.getbill.server.api.model.RateLimitErrorResponseCode;
import io.getbill.server.infrastructure.http.RequestIds;
import io.getbill.server.infrastructure.mapping.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

import java.time.Instant;

/**
 * Applies the rate limits to the resources, after authentication and scope checks (so 401 and 403 answers are not
 * counted) and before anything else, per the contract's order of checks. Every response to a counted request carries
 * {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset} and {@code -Window}; a refused one is a 429 with
 * {@code Retry-After} and {@code details: {retry_after, limit, reset_time}}.
 */
@ServerFilter("/external-api/**")
public class RateLimitFilter implements Ordered {

    static final String DECISION = "getbill.rate-limit.decision";

    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /*
     * Runs on the event loop: moving it to another thread races the body buffering of JSON requests. The decision is
     * in memory; only a client's first request per instance (and once per limits TTL) reads the database.
     */
    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null) {
            return null;
        }
        SlidingWindow.Decision decision = limiter.acquire(authentication.getName(), RequestClass.of(request.getMethod()));
        request.setAttribute(DECISION, decision);
        if (decision.allowed()) {
            return null;
        }
        RateLimitErrorResponse body = new RateLimitErrorResponse(true, "Rate limit exceeded. Please try again later.",
                RateLimitErrorResponseCode.NUMBER_429, RequestIds.of(request),
                new RateLimitDetails((int) decision.retryAfterSeconds(), (int) decision.limit(),
                        Timestamps.utc(Instant.ofEpochSecond(decision.resetEpochSecond()))));
        MutableHttpResponse<RateLimitErrorResponse> response = HttpResponse.<RateLimitErrorResponse>status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()))
                .body(body);
        headers(response, decision);
        return response;
    }

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, SlidingWindow.Decision.class).ifPresent(d -> headers(response, d));
    }

    private static void headers(MutableHttpResponse<?> response, SlidingWindow.Decision decision) {
        response.getHeaders().set("X-RateLimit-Limit", Long.toString(decision.limit()));
        response.getHeaders().set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        response.getHeaders().set("X-RateLimit-Reset", Long.toString(decision.resetEpochSecond()));
        response.getHeaders().set("X-RateLimit-Window", Long.toString(SlidingWindow.WINDOW_SECONDS));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
