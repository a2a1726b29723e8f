package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.Features;

/**
 * Tenant isolation: what company A creates is invisible and unchangeable with company B's token — 404 on get,
 * update and delete exactly like a missing id, absent from B's lists, and A's id in a body of B is a 400 naming the
 * field. A's debt must be intact afterwards.
 */
public final class TenantIsolationChecks implements CheckGroup {

    public static final String GROUP = "isolation";

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        ResourceCalls api = new ResourceCalls(ctx);
        JsonNode[] debt = new JsonNode[1];

        checks.run(check("SPEC-isolation-get-404", "company B reading company A's debt gets 404 in the envelope"), () -> {
            KitClient a = ctx.client(ResourceCalls.PARTNER);
            KitClient b = companyB(ctx);
            debt[0] = api.created(a, api.debt("iso"));
            Exchange x = api.as(b, "GET", "/debts/" + debt[0].path("id").asText()).send();
            Expect.status(x, 404);
            Expect.envelope(x);
        });
        checks.run(check("SPEC-isolation-update-404", "company B updating company A's debt gets 404"), () -> {
            KitClient b = companyB(ctx);
            String id = id(debt[0]);
            Expect.status(api.as(b, "PUT", "/debts/" + id).json("{\"summary\": \"changed by another company\"}").send(), 404);
        });
        checks.run(check("SPEC-isolation-delete-404", "company B deleting company A's debt gets 404"), () ->
                Expect.status(api.as(companyB(ctx), "DELETE", "/debts/" + id(debt[0])).send(), 404));
        checks.run(check("SPEC-isolation-list-absent", "company A's debt is absent from company B's list"), () -> {
            KitClient b = companyB(ctx);
            Exchange x = api.list(b, ctx.mark() + "-iso");
            Expect.status(x, 200);
            Expect.that(!ResourceCalls.listContains(x, id(debt[0])) && x.json().path("pagination").path("total").asInt() == 0,
                    "another company's debt is listed", "no debt", x.responseBody(), x);
        });
        checks.run(check("SPEC-isolation-debtor-404", "company A's debtor is 404 for company B, directly and by-debtor"), () -> {
            KitClient b = companyB(ctx);
            String debtorId = debt[0] == null ? ResourceCalls.require("company A's debt", "SPEC-isolation-get-404").asText()
                    : debt[0].path("debtor_id").asText(null);
            Expect.that(debtorId != null, "no debtor_id", "debtor_id on A's debt", String.valueOf(debt[0]));
            Expect.status(api.as(b, "GET", "/debtors/" + debtorId).send(), 404);
            Expect.status(api.as(b, "PUT", "/debtors/" + debtorId).json("{\"address\": \"changed\"}").send(), 404);
            Expect.status(api.as(b, "GET", "/debts/by-debtor/" + debtorId).send(), 404);
        });
        checks.run(check("SPEC-isolation-followups-by-debt-404", "listing the followups of company A's debt is 404 for company B"), () ->
                Expect.status(api.as(companyB(ctx), "GET", "/followups/debt/" + id(debt[0])).send(), 404));
        checks.run(check("SPEC-isolation-foreign-id-in-body-400", "company A's debt id in company B's followup body is 400 naming debt_id"), () -> {
            KitClient b = companyB(ctx);
            String body = JsonNodeFactory.instance.objectNode().put("debt_id", id(debt[0]))
                    .put("type", ResourceFlowChecks.firstEnum(ctx, "FollowupType")).toString();
            Exchange x = api.as(b, "POST", "/followups").json(body).send();
            Expect.status(x, 400);
            Expect.detailsName(x, "debt_id");
        });
        checks.run(check("SPEC-isolation-owner-unchanged", "after company B's attempts, company A's debt is intact"), () -> {
            KitClient a = ctx.client(ResourceCalls.PARTNER);
            Exchange x = api.as(a, "GET", "/debts/" + id(debt[0])).send();
            Expect.status(x, 200);
            Expect.that(debt[0].equals(x.json().path("data")), "A's debt changed", debt[0].toString(), x.json().path("data").toString(), x);
        });
    }

    /** Company B: a partner client of another company than A's. */
    private static KitClient companyB(KitContext ctx) {
        return ctx.client(ResourceCalls.PARTNER, ClientProperty.otherCompanyThan(ctx.client(ResourceCalls.PARTNER)));
    }

    private static String id(JsonNode debt) {
        return debt == null ? ResourceCalls.require("company A's debt", "SPEC-isolation-get-404").asText() : debt.path("id").asText();
    }

    private static Check check(String id, String description) {
        return Check.required(GROUP, id, "SPEC-tenant-isolation", description).needs(Features.RESOURCES);
    }
}
