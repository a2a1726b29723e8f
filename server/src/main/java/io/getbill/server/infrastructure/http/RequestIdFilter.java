package io.getbill.server.infrastructure.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Gives every request an {@code X-Request-Id} (the caller's when well formed), echoes it on every response, and
 * puts it in the logging context as {@code request_id} ({@link RequestIdLogContext}) so that every log line of the
 * request carries it.
 * Runs before security so that 401 and 403 answers carry it too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {

    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext propagatedContext) {
        propagatedContext.add(new RequestIdLogContext(RequestIds.assign(request)));
    }

    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(RequestIds.HEADER, RequestIds.of(request));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
