package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.Features;

/**
 * A debt's {@code timeline_id} must name an active timeline of the caller's company. The kit never attaches a
 * timeline to anything — it cannot create one (timelines are managed through the admin API, with a user's session)
 * and must not start collection steps on someone else's deployment — so it checks only the refusals: a
 * {@code timeline_id} that names no timeline, and a {@code timeline_start_mode} without {@code timeline_id}, are each
 * a 400 naming the field, and nothing is created. Both hold on a deployment with or without timelines.
 */
public final class TimelineChecks implements CheckGroup {

    public static final String GROUP = "timelines";

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        ResourceCalls api = new ResourceCalls(ctx);
        checks.run(check("SPEC-timeline-unknown-id",
                "a debt whose timeline_id names no timeline of the company: 400 naming timeline_id, nothing created"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            ObjectNode body = api.debt("timeline-unknown");
            body.put("timeline_id", KitContext.randomId(24));
            Exchange x = api.create(full, body);
            Expect.status(x, 400);
            Expect.detailsName(x, "timeline_id");
            Exchange list = api.list(full, body.path("internal_id").asText());
            Expect.status(list, 200);
            Expect.that(list.json().path("data").isEmpty(), "a debt was created anyway", "no debt with internal_id "
                    + body.path("internal_id").asText(), list.json().path("data").toString(), list);
        });
        checks.run(check("SPEC-timeline-start-mode-alone",
                "timeline_start_mode without timeline_id: 400 naming timeline_start_mode"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            ObjectNode body = api.debt("start-mode-alone");
            body.put("timeline_start_mode", "next_day");
            Exchange x = api.create(full, body);
            Expect.status(x, 400);
            Expect.detailsName(x, "timeline_start_mode");
        });
    }

    private static Check check(String id, String description) {
        return Check.required(GROUP, id, "SPEC-timelines", description).needs(Features.RESOURCES);
    }
}
