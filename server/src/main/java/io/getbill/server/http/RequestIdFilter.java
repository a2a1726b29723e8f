package io.getbill.server.http;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.MDC;

/**
 * Gives every request an {@code X-Request-Id} (the caller's when well formed), echoes it on every response, and
 * puts it in the logging context as {@code request_id} so that every log line of the request carries it.
 * Runs before security so that 401 and 403 answers carry it too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIdFilter implements Ordered {

    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext propagatedContext) {
        String id = RequestIds.assign(request);
        MDC.put("request_id", id);
        try {
            propagatedContext.add(new MdcPropagationContext());
        } finally {
            MDC.remove("request_id");
        }
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
