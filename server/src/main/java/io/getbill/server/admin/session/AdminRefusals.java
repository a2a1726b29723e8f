package io.getbill.server.admin.session;

import io.getbill.server.infrastructure.errors.ErrorEnvelopes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.AuthorizationException;

import java.util.Map;

/**
 * The answers of a refused admin request, in the API's error envelope: 401 ({@code AdminUnauthorized}) without a
 * live session, 403 ({@code AdminForbidden}) with the reason {@link AdminSessionRule} gave. No {@code Bearer}
 * challenge: admin paths take no bearer token.
 */
public final class AdminRefusals {

    private AdminRefusals() {
    }

    public static boolean applies(HttpRequest<?> request) {
        return request != null && AdminPaths.isAdmin(request.getPath());
    }

    public static MutableHttpResponse<?> answer(HttpRequest<?> request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            String reason = request.getAttribute(AdminSessionRule.REFUSAL, String.class).orElse("Forbidden");
            return ErrorEnvelopes.envelope(request, HttpStatus.FORBIDDEN, reason, Map.of());
        }
        return ErrorEnvelopes.envelope(request, HttpStatus.UNAUTHORIZED, "Admin session missing or expired", Map.of());
    }
}
