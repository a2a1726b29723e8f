package io.getbill.server.admin.session;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;

/**
 * An admin-only operation for the tests of the central enforcement (session, role, CSRF), switched on only by
 * {@code getbill.test.admin-probe=true}: it echoes what {@link AdminCaller} sees, so a test also proves the caller is
 * the signed-in user. It is annotated like the generated admin interfaces ({@code IS_AUTHENTICATED}).
 */
@Controller("/admin-api/v1/probe")
@Requires(property = "getbill.test.admin-probe", value = "true")
@Secured(SecurityRule.IS_AUTHENTICATED)
class AdminProbeController {

    private final AdminCaller caller;

    AdminProbeController(AdminCaller caller) {
        this.caller = caller;
    }

    @Get
    Map<String, String> read() {
        return Map.of("company_id", caller.companyId(), "user_id", caller.userId(), "email", caller.email());
    }

    @Post
    Map<String, String> change() {
        return read();
    }
}
