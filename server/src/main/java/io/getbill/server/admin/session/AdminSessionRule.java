package io.getbill.server.admin.session;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The admin API's access rule, applied once, centrally, before any admin controller runs. On every
 * {@code /admin-api/} path except login, in this order:
 * <ol>
 *   <li>no live session (no cookie, unknown, ended, signed out — or only a bearer token) → 401;</li>
 *   <li>the user is no longer active → 403;</li>
 *   <li>the user's role is not {@code admin} and the operation is not one of {@link AdminPaths#OPEN_TO_MEMBERS} → 403;</li>
 *   <li>an unsafe method without the session's CSRF token in {@code X-CSRF-Token} → 403.</li>
 * </ol>
 * A request that passes goes on to the generated interface's {@code @Secured} (authenticated). The reason of a 403
 * is left on the request for {@link AdminRefusals}. Runs before {@link SecuredAnnotationRule}.
 */
@Singleton
public class AdminSessionRule implements SecurityRule<HttpRequest<?>> {

    static final String ROW = "getbill.admin.session_row";
    static final String REFUSAL = "getbill.admin.refusal";
    public static final int ORDER = SecuredAnnotationRule.ORDER - 100;

    private final AdminSessionStore store;

    public AdminSessionRule(AdminSessionStore store) {
        this.store = store;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || !AdminPaths.isAdmin(request.getPath()) || AdminPaths.LOGIN.equals(request.getPath())) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        if (authentication == null || !(authentication.getAttributes().get(ROW) instanceof AdminSessionRow row)) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        if (!Boolean.TRUE.equals(authentication.getAttributes().get(AdminCaller.ACTIVE))) {
            return refuse(request, "The user account is disabled");
        }
        if (!"admin".equals(authentication.getAttributes().get(AdminCaller.ROLE))
                && !AdminPaths.OPEN_TO_MEMBERS.contains(request.getPath())) {
            return refuse(request, "The admin role is required");
        }
        if (AdminPaths.isUnsafe(request.getMethod())
                && !store.csrfMatches(row, request.getHeaders().get(AdminSessionStore.CSRF_HEADER))) {
            return refuse(request, "The X-CSRF-Token header is missing or wrong");
        }
        return Publishers.just(SecurityRuleResult.UNKNOWN);
    }

    private static Publisher<SecurityRuleResult> refuse(HttpRequest<?> request, String reason) {
        request.setAttribute(REFUSAL, reason);
        return Publishers.just(SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
