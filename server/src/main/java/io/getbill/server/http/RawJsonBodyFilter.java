package io.getbill.server.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Keeps the raw bytes of a resource or admin request's body (POST, PUT and PATCH under {@code /external-api} and
 * {@code /admin-api}) as a request
 * attribute, before they are bound to the operation's generated type: only the raw JSON tells a field sent as
 * {@code null} from a field left out, and whether an optional field with a default was sent at all.
 */
@ServerFilter(value = {"/external-api/**", "/admin-api/**"}, methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
public class RawJsonBodyFilter {

    public static final String ATTRIBUTE = "getbill.raw-json-body";

    @RequestFilter
    public void keep(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body != null) {
            request.setAttribute(ATTRIBUTE, body);
        }
    }
}
