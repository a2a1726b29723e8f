package io.getbill.server.infrastructure.http.screening;

import io.getbill.server.infrastructure.errors.ErrorEnvelopes;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.getbill.server.infrastructure.http.RawJsonBodyFilter;
import io.getbill.server.infrastructure.validation.JsonTextScreen;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Refuses a JSON body that is not valid UTF-8, repeats a key, or carries control or bidirectional-override
 * characters in its text ({@link JsonTextScreen}) with a 400 naming the field, before it is bound to the
 * operation's type. It reads the bytes {@link RawJsonBodyFilter} kept, after authentication and the rate limit, so a
 * caller without credentials still gets its 401 first.
 */
@ServerFilter(value = {"/external-api/**", "/admin-api/**"}, methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
public class JsonTextScreenFilter implements Ordered {

    @RequestFilter
    @Nullable
    public HttpResponse<?> screen(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return null;
        }
        byte[] body = request.getAttribute(RawJsonBodyFilter.ATTRIBUTE, byte[].class).orElse(null);
        FieldErrors errors = JsonTextScreen.screen(body);
        if (errors.isEmpty()) {
            return null;
        }
        return ErrorEnvelopes.envelope(request, HttpStatus.BAD_REQUEST, "Validation failed", errors.asMap());
    }

    @Override
    public int getOrder() {
        // after the security filter and the rate limit (SECURITY.after())
        return ServerFilterPhase.SECURITY.after() + 10;
    }
}
