package io.getbill.server.admin.session;

import io.getbill.server.oauth.bearer.BearerFreeArea;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;

/** The admin API as a part of the API without bearer tokens: its paths ({@link AdminPaths}), its refusals ({@link AdminRefusals}). */
@Singleton
public class AdminArea implements BearerFreeArea {

    @Override
    public boolean contains(HttpRequest<?> request) {
        return AdminRefusals.applies(request);
    }

    @Override
    public MutableHttpResponse<?> refuse(HttpRequest<?> request, AuthorizationException exception) {
        return AdminRefusals.answer(request, exception);
    }
}
