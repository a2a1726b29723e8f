package io.getbill.server.oauth.bearer;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Reads the bearer token of a resource request from the one place RFC 6750 §2.1 defines and this API supports: a
 * single {@code Authorization: Bearer <token>} header, the scheme name case-insensitive. Anything else yields no
 * token — two Authorization headers, an empty {@code Bearer}, another scheme — and {@link BearerChallengeHandler}
 * then answers 400 {@code invalid_request} or 401 as RFC 6750 §3.1 says. The framework's reader would take the
 * first of two headers and let the request through. Tokens in the query string or a form body (RFC 6750 §2.2, §2.3)
 * are not supported and never read.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-2.1">RFC 6750 §2.1</a>
 */
@Singleton
@Replaces(io.micronaut.security.token.bearer.BearerTokenReader.class)
public class BearerTokenReader implements TokenReader<HttpRequest<?>> {

    private final List<BearerFreeArea> bearerFreeAreas;

    public BearerTokenReader(List<BearerFreeArea> bearerFreeAreas) {
        this.bearerFreeAreas = bearerFreeAreas;
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (bearerFreeAreas.stream().anyMatch(area -> area.contains(request))) {
            // The admin API authenticates company users by session cookie only: a partner's token opens nothing there.
            return Optional.empty();
        }
        List<String> authorizations = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        if (authorizations.size() != 1) {
            return Optional.empty();
        }
        String authorization = authorizations.get(0).trim();
        if (!BearerChallengeHandler.isBearer(authorization)) {
            return Optional.empty();
        }
        String token = authorization.substring(6).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public int getOrder() {
        return io.micronaut.security.token.bearer.BearerTokenReader.ORDER;
    }
}
