package io.getbill.server.infrastructure.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Keeps the raw bytes of a resource or admin request's body (POST, PUT and PATCH under {@code /external-api} and
 * {@code /admin-api}) as a request
 * attribute, before they are bound to the operation's generated type: only the raw JSON tells a field sent as
 * {@code null} from a field left out, and whether an optional field with a default was sent at all.
 *
 * <p>It runs before the security filter, on the event loop: the admin session is looked up on the blocking executor,
 * and a body still being buffered when the chain came back from that thread hop was subscribed to a second time from
 * inside its own completion (Micronaut's shared body buffer refuses that: a 500 on a slow-arriving admin body).
 * Buffered first, the body is complete before any thread hop.
 */
@ServerFilter(value = {"/external-api/**", "/admin-api/**"}, methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
public class RawJsonBodyFilter implements Ordered {

    public static final String ATTRIBUTE = "getbill.raw-json-body";

    @RequestFilter
    public void keep(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body != null) {
            request.setAttribute(ATTRIBUTE, body);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
