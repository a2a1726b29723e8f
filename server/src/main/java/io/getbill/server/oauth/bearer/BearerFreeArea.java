package io.getbill.server.oauth.bearer;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.AuthorizationException;

/**
 * A part of the API that takes no bearer token and answers its own refusals (the admin API, which signs company
 * users in by session). {@link BearerTokenReader} reads no token there, so a partner's token opens nothing in it,
 * and {@link BearerChallengeHandler} lets it refuse without a {@code Bearer} challenge.
 */
public interface BearerFreeArea {

    boolean contains(HttpRequest<?> request);

    /** The answer to a request of this area that authorization refused. */
    MutableHttpResponse<?> refuse(HttpRequest<?> request, AuthorizationException exception);
}
