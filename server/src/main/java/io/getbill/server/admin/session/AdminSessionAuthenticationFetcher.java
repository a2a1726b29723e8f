package io.getbill.server.admin.session;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Authenticates admin requests by their session cookie — on {@code /admin-api/} paths only, so a session never
 * authenticates a partner resource; symmetrically {@link io.getbill.server.oauth.bearer.BearerTokenReader} reads no bearer
 * token on admin paths. The session is looked up in the database on the blocking executor, never on the event loop.
 *
 * <p>The authentication carries the user's current role and active flag (read from the database on every request,
 * so a demotion or deactivation takes effect at once); {@link AdminSessionRule} decides what they may do.
 */
@Singleton
public class AdminSessionAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final AdminSessionStore store;
    private final ExecutorService blocking;

    public AdminSessionAuthenticationFetcher(AdminSessionStore store, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!AdminPaths.isAdmin(request.getPath()) || AdminPaths.LOGIN.equals(request.getPath())) {
            return Publishers.empty();
        }
        String token = request.getCookies().findCookie(AdminSessionStore.COOKIE).map(Cookie::getValue).orElse(null);
        if (token == null || token.isEmpty()) {
            return Publishers.empty();
        }
        return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(() -> authenticate(token), blocking));
    }

    private Authentication authenticate(String token) {
        return store.find(token).map(active -> {
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(AdminCaller.SESSION_ID, active.row().id());
            attributes.put(AdminCaller.USER_ID, active.user().id());
            attributes.put(AdminCaller.COMPANY_ID, active.user().companyId());
            attributes.put(AdminCaller.EMAIL, active.user().email());
            attributes.put(AdminCaller.ROLE, active.user().role());
            attributes.put(AdminCaller.ACTIVE, active.user().active());
            attributes.put(AdminSessionRule.ROW, active.row());
            return Authentication.build(active.user().id(), List.of(), attributes);
        }).orElse(null);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
