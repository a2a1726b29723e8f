package io.getbill.conformance.checks;

import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.ApiOperation;

/**
 * Rate limits per client (the contract's {@code X-RateLimit-*} headers, 429 with {@code Retry-After} and
 * {@code details}): headers on counted responses, refused (401/403) requests not counted, and — only with a
 * low-limit client in the config ({@code rate_limits.reads_per_hour} of at most 50) — the 429 itself. The
 * presence of the headers on every counted response is also checked by the contract checks.
 */
public final class RateLimitChecks implements CheckGroup {

    public static final String GROUP = "ratelimit";
    private static final String[] HEADERS = {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Window"};

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        ApiOperation probe = BearerChecks.probeOperation(ctx);
        checks.run(Check.required(GROUP, "SPEC-ratelimit-headers", "SPEC-rate-limits",
                "a counted response carries the four X-RateLimit headers as integers, and Remaining goes down").needs(probe.feature()), () -> {
            KitClient full = ctx.client(ClientProperty.scope(probe.scope()));
            String token = ctx.tokens().access(full, probe.scope());
            Exchange first = ctx.http().method(probe.method(), probe.path()).bearer(token).send();
            Exchange second = ctx.http().method(probe.method(), probe.path()).bearer(token).send();
            for (Exchange x : new Exchange[]{first, second}) {
                Expect.status(x, 200);
                for (String h : HEADERS) {
                    String v = Expect.header(x, h);
                    Expect.that(v.matches("\\d+"), h + " is not an integer", h + ": <integer>", h + ": " + v, x);
                }
            }
            long r1 = Long.parseLong(first.header("X-RateLimit-Remaining").get());
            long r2 = Long.parseLong(second.header("X-RateLimit-Remaining").get());
            Expect.that(r2 < r1, "X-RateLimit-Remaining did not go down", "less than " + r1, Long.toString(r2), second);
            if (full.readsPerHour() != null) {
                Expect.headerEquals(second, "X-RateLimit-Limit", Integer.toString(full.readsPerHour()));
            }
        });
        checks.run(Check.required(GROUP, "SPEC-ratelimit-refused-not-counted", "SPEC-rate-limits",
                "requests refused with 401 or 403 are not counted against the client's limit").needs(probe.feature()), () -> {
            KitClient full = ctx.client(ClientProperty.scope(probe.scope()), ClientProperty.atLeastScopes(2));
            String ok = ctx.tokens().access(full, probe.scope());
            String other = full.scopes().stream().filter(s -> !s.equals(probe.scope())).findFirst().orElseThrow();
            String lacking = ctx.tokens().access(full, other);
            long before = remaining(ctx.http().method(probe.method(), probe.path()).bearer(ok).send());
            for (int i = 0; i < 3; i++) {
                Expect.status(ctx.http().method(probe.method(), probe.path()).bearer(lacking).send(), 403);
            }
            Exchange after = ctx.http().method(probe.method(), probe.path()).bearer(ok).send();
            Expect.that(remaining(after) == before - 1, "refused requests were counted",
                    "X-RateLimit-Remaining " + (before - 1), "X-RateLimit-Remaining " + remaining(after), after);
        });
        checks.run(Check.required(GROUP, "SPEC-ratelimit-429", "SPEC-rate-limits",
                "past the low-limit client's read limit: 429 with Retry-After, X-RateLimit-Remaining 0 and details {retry_after, limit, reset_time}"), () -> {
            KitClient low = ctx.lowLimitClient();
            ApiOperation op = ctx.api().securedOperations().stream()
                    .filter(o -> o.method().equals("GET") && o.pathParameters().isEmpty() && low.scopes().contains(o.scope()))
                    .findFirst().orElseThrow(() -> new CheckSkipped("the low-limit client holds no scope of a parameterless GET operation"));
            String token = ctx.tokens().access(low, op.scope());
            Exchange x = null;
            for (int i = 0; i <= low.readsPerHour() + 2; i++) {
                x = ctx.http().method(op.method(), op.path()).bearer(token).rateLimitExpected().send();
                if (x.status() == 429) {
                    break;
                }
                Expect.status(x, 200);
            }
            Expect.status(x, 429);
            String retryAfter = Expect.header(x, "Retry-After");
            Expect.that(retryAfter.matches("\\d+"), "Retry-After is not delay-seconds", "Retry-After: <seconds>", retryAfter, x);
            Expect.headerEquals(x, "X-RateLimit-Remaining", "0");
            Expect.envelope(x);
            Expect.that(x.json().path("details").path("limit").asInt() == low.readsPerHour()
                            && x.json().path("details").has("retry_after") && x.json().path("details").has("reset_time"),
                    "details", "{retry_after, limit: " + low.readsPerHour() + ", reset_time}", x.json().path("details").toString(), x);
        });
    }

    private static long remaining(Exchange x) {
        Expect.status(x, 200);
        return Long.parseLong(Expect.header(x, "X-RateLimit-Remaining"));
    }
}
