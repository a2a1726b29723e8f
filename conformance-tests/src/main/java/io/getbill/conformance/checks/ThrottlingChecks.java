package io.getbill.conformance.checks;

import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.Features;

/**
 * Throttling of failed client authentications at the token endpoint (RFC 6749 §10.10 asks servers to resist
 * guessing; the contract answers 429 {@code temporarily_unavailable} with {@code Retry-After}), while successful
 * requests are never slowed. It runs last, so that the failures it provokes do not affect other checks, and on a
 * client id that does not exist. The threshold is the deployment's configuration: the kit tries up to
 * {@value #ATTEMPTS} failures, and a deployment configured above that gets a warning, not a failure.
 */
public final class ThrottlingChecks implements CheckGroup {

    public static final String GROUP = "throttle";
    static final int ATTEMPTS = 30;

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        String victim = "conformance-throttle-" + KitContext.randomId(10);
        checks.run(Check.recommended(GROUP, "SPEC-token-throttle-failed-authentication", "RFC6749-10.10",
                "repeated failed client authentications for one client_id end in 429 temporarily_unavailable with Retry-After")
                .needs(Features.AUTHORIZATION_SERVER), () -> {
            Exchange x = null;
            for (int i = 0; i < ATTEMPTS; i++) {
                x = ctx.http().post("/token").basic(victim, "wrong-secret-" + i).form(Forms.of("grant_type", "client_credentials"))
                        .rateLimitExpected().send();
                if (x.status() == 429) {
                    break;
                }
                Expect.oauthError(x, 401, "invalid_client");
            }
            Expect.oauthError(x, 429, "temporarily_unavailable");
            String retryAfter = Expect.header(x, "Retry-After");
            Expect.that(retryAfter.matches("\\d+"), "Retry-After is not delay-seconds", "Retry-After: <seconds>", retryAfter, x);
        });
        checks.run(Check.required(GROUP, "SPEC-token-throttle-spares-valid-clients", "SPEC-token-throttling",
                "after those failures from this address, a correctly authenticated token request still succeeds at once")
                .needs(Features.AUTHORIZATION_SERVER), () -> {
            KitClient full = ctx.client();
            Exchange x = ctx.http().post("/token").basic(full.clientId(), full.secret())
                    .form(Forms.of("grant_type", "client_credentials")).rateLimitExpected().send();
            if (x.status() == 429) {
                // Refused: because of the victim's failures (the fault this check looks for), or because the address
                // as a whole spent the deployment's allowance of failed authentications, which every failure of the
                // kit counts towards (its earlier checks and earlier runs in the same window). A first failure for
                // a client id never seen before tells them apart: only an address-wide throttle refuses it too.
                Exchange probe = ctx.http().post("/token").basic("conformance-throttle-" + KitContext.randomId(10), "wrong-secret")
                        .form(Forms.of("grant_type", "client_credentials")).rateLimitExpected().send();
                if (probe.status() == 429) {
                    throw new CheckSkipped("this address is throttled as a whole (a first failed authentication of a new"
                            + " client_id is refused too, Retry-After " + probe.header("Retry-After").orElse("?") + " s): the"
                            + " deployment's per-address limit of failed client authentications was reached by the kit's own"
                            + " failures in this window; run again after Retry-After");
                }
            }
            TokenEndpointChecks.successfulTokenResponse(x);
        });
    }
}
