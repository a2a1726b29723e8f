package io.getbill.server.oauth.bearer;

import io.getbill.server.infrastructure.errors.ErrorEnvelopes;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Answers refused resource requests per RFC 6750 §3 with the API's error envelope:
 * <ul>
 *   <li>no bearer token: 401, {@code WWW-Authenticate: Bearer realm="getbill"} with no error code;</li>
 *   <li>a token that is not valid now: 401, {@code error="invalid_token"} and why;</li>
 *   <li>two Authorization headers or an empty {@code Bearer}: 400, {@code error="invalid_request"};</li>
 *   <li>a valid token without the operation's scope: 403, {@code error="insufficient_scope", scope="..."}.</li>
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 §3</a>
 */
@Singleton
@Produces
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class BearerChallengeHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String REALM = "getbill";

    private final AccessTokenValidator validator;
    private final List<BearerFreeArea> bearerFreeAreas;

    public BearerChallengeHandler(AccessTokenValidator validator, List<BearerFreeArea> bearerFreeAreas) {
        this.validator = validator;
        this.bearerFreeAreas = bearerFreeAreas;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        for (BearerFreeArea area : bearerFreeAreas) {
            if (area.contains(request)) {
                return area.refuse(request, exception);
            }
        }
        if (exception.isForbidden()) {
            String scope = requiredScopes(request);
            return ErrorEnvelopes.envelope(request, HttpStatus.FORBIDDEN,
                            "Required scope \"" + scope + "\" not found in token", Map.of())
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge("insufficient_scope",
                            "The access token lacks the scope this operation requires") + ", scope=\"" + scope + "\"");
        }
        List<String> authorizations = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        if (authorizations.size() > 1) {
            return invalidRequest(request, "Use exactly one Authorization header");
        }
        String authorization = authorizations.isEmpty() ? null : authorizations.get(0).trim();
        if (authorization != null && isBearer(authorization)) {
            String token = authorization.substring(6).trim();
            if (token.isEmpty()) {
                return invalidRequest(request, "The Bearer credentials are empty");
            }
            String reason = request.getAttribute(AccessTokenValidator.REFUSAL_REASON, String.class).orElse(null);
            if (reason == null) {
                // Not seen by the validator (a route outside the security filter's pattern): find out once here.
                try {
                    validator.verify(token);
                    reason = "The access token is not valid";
                } catch (AccessTokenValidator.InvalidTokenException e) {
                    reason = e.getMessage();
                }
            }
            return ErrorEnvelopes.envelope(request, HttpStatus.UNAUTHORIZED, "Authentication credentials are missing or invalid", Map.of())
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge("invalid_token", reason));
        }
        return ErrorEnvelopes.envelope(request, HttpStatus.UNAUTHORIZED, "Authentication credentials are missing or invalid", Map.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
    }

    static boolean isBearer(String authorization) {
        return authorization.length() >= 6 && authorization.substring(0, 6).toLowerCase(Locale.ROOT).equals("bearer")
                && (authorization.length() == 6 || authorization.charAt(6) == ' ');
    }

    private static MutableHttpResponse<?> invalidRequest(HttpRequest<?> request, String description) {
        return ErrorEnvelopes.envelope(request, HttpStatus.BAD_REQUEST, description, Map.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge("invalid_request", description));
    }

    private static String challenge(String error, String description) {
        return "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"" + description.replace("\"", "'") + "\"";
    }

    private static String requiredScopes(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(rm -> rm.getRouteInfo().getAnnotationMetadata().stringValues(Secured.class))
                .map(values -> Arrays.stream(values).collect(Collectors.joining(" ")))
                .orElse("");
    }
}
