package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.Features;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stateful flows on the resources, as a partner runs them: create → get → update → list → delete → get 404 for a
 * debt, with its debtor, creditor and a followup; a batch create then list; an idempotent retry of a create and a
 * key reused with another body; {@code If-Match} with a current and a stale {@code ETag}. Everything is marked
 * ({@code internal_id} prefixed {@code conformance-<run>}) and deleted at the end ({@link #cleanUp}).
 */
public final class ResourceFlowChecks implements CheckGroup {

    public static final String GROUP = "flows";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        ResourceCalls api = new ResourceCalls(ctx);
        JsonNode[] debt = new JsonNode[1];

        checks.run(check("SPEC-flow-debt-create-201", "creating a debt answers 201 with the debt, status pending, fields echoed"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            Exchange x = api.create(full, api.debt("flow"));
            Expect.status(x, 201);
            JsonNode d = x.json().path("data");
            Expect.that(d.hasNonNull("id") && "pending".equals(d.path("status").asText())
                            && (ctx.mark() + "-flow").equals(d.path("internal_id").asText())
                            && new BigDecimal("123.45").compareTo(d.path("amount").decimalValue()) == 0,
                    "the created debt differs", "id, status pending, internal_id " + ctx.mark() + "-flow, amount 123.45", d.toString(), x);
            debt[0] = d;
        });
        checks.run(check("SPEC-flow-debt-get-200", "the created debt reads back identical"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            JsonNode d = debt[0] == null ? ResourceCalls.require("the created debt", "SPEC-flow-debt-create-201") : debt[0];
            Exchange x = api.as(full, "GET", "/debts/" + d.path("id").asText()).send();
            Expect.status(x, 200);
            Expect.that(d.equals(x.json().path("data")), "the debt read back differs from the one created", d.toString(),
                    x.json().path("data").toString(), x);
        });
        checks.run(check("SPEC-flow-debt-update-200", "a partial update changes only the given fields and reads back"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            JsonNode d = debt[0] == null ? ResourceCalls.require("the created debt", "SPEC-flow-debt-create-201") : debt[0];
            String id = d.path("id").asText();
            Exchange x = api.as(full, "PUT", "/debts/" + id).json("{\"amount\": 150.5, \"status\": \"in_progress\"}").send();
            Expect.status(x, 200);
            Exchange get = api.as(full, "GET", "/debts/" + id).send();
            JsonNode after = get.json().path("data");
            Expect.that(new BigDecimal("150.5").compareTo(after.path("amount").decimalValue()) == 0
                            && "in_progress".equals(after.path("status").asText())
                            && d.path("lastname").equals(after.path("lastname")),
                    "the update did not read back", "amount 150.5, status in_progress, lastname unchanged", after.toString(), get);
        });
        checks.run(check("SPEC-flow-debt-list-contains", "the list filtered by search (prefix of internal_id) holds the debt"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            JsonNode d = debt[0] == null ? ResourceCalls.require("the created debt", "SPEC-flow-debt-create-201") : debt[0];
            Exchange x = api.list(full, ctx.mark() + "-flow");
            Expect.status(x, 200);
            Expect.that(ResourceCalls.listContains(x, d.path("id").asText()) && x.json().path("pagination").path("total").asLong() == 1,
                    "the list does not hold exactly the debt", "data with id " + d.path("id").asText() + ", pagination.total 1", x.responseBody(), x);
        });
        checks.run(check("SPEC-flow-debtor-linked", "the debt's debtor reads back, updates, and lists the debt (by-debtor)"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            JsonNode d = debt[0] == null ? ResourceCalls.require("the created debt", "SPEC-flow-debt-create-201") : debt[0];
            String debtorId = d.path("debtor_id").asText(null);
            Expect.that(debtorId != null, "no debtor_id", "debtor_id on the created debt", d.toString());
            Expect.status(api.as(full, "GET", "/debtors/" + debtorId).send(), 200);
            Expect.status(api.as(full, "PUT", "/debtors/" + debtorId).json("{\"address\": \"1 Conformance Street\"}").send(), 200);
            Exchange byDebtor = api.as(full, "GET", "/debts/by-debtor/" + debtorId).send();
            Expect.status(byDebtor, 200);
            Expect.that(ResourceCalls.listContains(byDebtor, d.path("id").asText()), "by-debtor misses the debt", d.path("id").asText(), byDebtor.responseBody(), byDebtor);
        });
        checks.run(check("SPEC-flow-followup", "a followup on the debt is created (201), read, updated, listed by debt, and counted on the debt"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            JsonNode d = debt[0] == null ? ResourceCalls.require("the created debt", "SPEC-flow-debt-create-201") : debt[0];
            String id = d.path("id").asText();
            ObjectNode body = F.objectNode().put("debt_id", id).put("type", firstEnum(ctx, "FollowupType"))
                    .put("notes", "Conformance kit followup");
            Exchange created = api.as(full, "POST", "/followups").json(body.toString()).send();
            Expect.status(created, 201);
            String followupId = created.text("/data/id");
            Expect.status(api.as(full, "GET", "/followups/" + followupId).send(), 200);
            Expect.status(api.as(full, "PUT", "/followups/" + followupId).json("{\"notes\": \"Conformance kit, updated\"}").send(), 200);
            Exchange byDebt = api.as(full, "GET", "/followups/debt/" + id).send();
            Expect.status(byDebt, 200);
            Expect.that(ResourceCalls.listContains(byDebt, followupId), "by-debt misses the followup", followupId, byDebt.responseBody(), byDebt);
            Exchange get = api.as(full, "GET", "/debts/" + id).send();
            Expect.that(get.json().path("data").path("followups_count").asInt() == 1, "followups_count", "1",
                    get.json().path("data").path("followups_count").toString(), get);
        });
        checks.run(check("SPEC-flow-statistics", "the company statistics answer 200"), () ->
                Expect.status(api.as(ctx.client(ClientProperty.scope("company:read")), "GET", "/company/statistics").send(), 200));
        checks.run(check("SPEC-flow-debt-delete-then-404", "deleting the debt answers 200, then reading it is 404"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            JsonNode d = debt[0] == null ? ResourceCalls.require("the created debt", "SPEC-flow-debt-create-201") : debt[0];
            String id = d.path("id").asText();
            Expect.status(api.as(full, "DELETE", "/debts/" + id).send(), 200);
            Exchange x = api.as(full, "GET", "/debts/" + id).send();
            Expect.status(x, 404);
            Expect.envelope(x);
        });

        checks.run(check("SPEC-flow-batch-create", "a batch creates valid items, skips a duplicate internal_id, fails an item without phone or email, and says so in summary"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            ArrayNode items = F.arrayNode();
            items.add(api.debt("batch-1").put("temp_id", "t1"));
            items.add(api.debt("batch-2").put("temp_id", "t2"));
            items.add(api.debt("batch-1").put("temp_id", "t3"));
            ObjectNode noContact = api.debt("batch-3").put("temp_id", "t4");
            noContact.remove("email");
            items.add(noContact);
            ObjectNode body = F.objectNode().put("batch_name", "Conformance kit " + ctx.mark());
            body.set("debts", items);
            Exchange x = api.as(full, "POST", "/debts/batch").json(body.toString()).send();
            Expect.status(x, 200);
            x.json().path("data").path("created").forEach(c -> ctx.created(c.path("debt_id").asText(null)));
            JsonNode s = x.json().path("data").path("summary");
            Expect.that(s.path("total").asInt() == 4 && s.path("created").asInt() == 2 && s.path("skipped").asInt() == 1
                    && s.path("failed").asInt() == 1, "summary", "{total 4, created 2, failed 1, skipped 1}", s.toString(), x);
            Exchange list = api.list(full, ctx.mark() + "-batch-");
            Expect.that(list.json().path("pagination").path("total").asInt() == 2, "the batch's debts are not listed",
                    "pagination.total 2 for search " + ctx.mark() + "-batch-", list.responseBody(), list);
        });
        checks.run(check("SPEC-idempotency-retry", "a create retried with the same Idempotency-Key and body returns the original answer and creates one debt"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            String key = "conformance-" + KitContext.randomId(24);
            String body = api.debt("idem").toString();
            Exchange first = api.as(full, "POST", "/debts").header("Idempotency-Key", key).json(body).send();
            Expect.status(first, 201);
            ctx.created(first.text("/data/id"));
            Exchange retry = api.as(full, "POST", "/debts").header("Idempotency-Key", key).json(body).send();
            Expect.that(retry.status() == first.status() && first.text("/data/id").equals(retry.text("/data/id")),
                    "the retry did not return the original answer", "HTTP 201, data.id " + first.text("/data/id"),
                    "HTTP " + retry.status() + ", data.id " + retry.text("/data/id"), retry);
            Exchange list = api.list(full, ctx.mark() + "-idem");
            Expect.that(list.json().path("pagination").path("total").asInt() == 1, "the retry created a second debt",
                    "one debt", list.json().path("pagination").toString(), list);
        });
        checks.run(check("SPEC-idempotency-key-reused-422", "the same Idempotency-Key with another body is 422"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            String key = "conformance-" + KitContext.randomId(24);
            Exchange first = api.as(full, "POST", "/debts").header("Idempotency-Key", key).json(api.debt("idem2").toString()).send();
            Expect.status(first, 201);
            ctx.created(first.text("/data/id"));
            Exchange other = api.as(full, "POST", "/debts").header("Idempotency-Key", key).json(api.debt("idem3").toString()).send();
            if (other.status() >= 200 && other.status() < 300) {
                ctx.created(other.text("/data/id"));
            }
            Expect.status(other, 422);
            Expect.envelope(other);
        });
        checks.run(check("SPEC-if-match-stale-412", "GET returns an ETag; PUT with it succeeds, PUT with the stale one is 412 and changes nothing"), () -> {
            KitClient full = ctx.client(ResourceCalls.PARTNER);
            JsonNode d = api.created(full, api.debt("etag"));
            String id = d.path("id").asText();
            Exchange get = api.as(full, "GET", "/debts/" + id).send();
            String etag = Expect.header(get, "ETag");
            Exchange ok = api.as(full, "PUT", "/debts/" + id).header("If-Match", etag).json("{\"summary\": \"first\"}").send();
            Expect.status(ok, 200);
            Exchange stale = api.as(full, "PUT", "/debts/" + id).header("If-Match", etag).json("{\"summary\": \"second\"}").send();
            Expect.status(stale, 412);
            Expect.envelope(stale);
            Exchange after = api.as(full, "GET", "/debts/" + id).send();
            Expect.that("first".equals(after.text("/data/summary")), "the stale update changed the debt", "summary first",
                    after.text("/data/summary"), after);
        });
    }

    /**
     * Deletes every debt the run created: the ids it recorded, as the client holding debts:read and debts:write that
     * the checks write with; then, for each company of the config, as one of its clients holding both, every debt
     * still carrying the run's mark, until none is left.
     * Reported as a recommended check: a deployment that keeps the kit's data is not wrong, but the operator should
     * know.
     */
    public static void cleanUp(KitContext ctx, Checks checks) {
        checks.run(Check.recommended(GROUP, "KIT-cleanup", "SPEC-kit-data",
                "every debt the run created (internal_id " + ctx.mark() + "...) is deleted").needs(Features.RESOURCES), () -> {
            ResourceCalls api = new ResourceCalls(ctx);
            ClientProperty sweeper = ClientProperty.scopes(List.of("debts:read", "debts:write"));
            KitClient writer = ctx.client(sweeper);
            for (String id : ctx.createdDebts()) {
                api.as(writer, "DELETE", "/debts/" + id).send();
            }
            Set<String> companies = new LinkedHashSet<>();
            ctx.config().clients().forEach(c -> companies.add(c.company()));
            for (String company : companies) {
                Optional<KitClient> client = ctx.findClient(sweeper, ClientProperty.company(company));
                if (client.isEmpty()) {
                    continue;
                }
                Exchange left = api.list(client.get(), ctx.mark());
                for (int round = 0; round < 20 && left.status() == 200 && !left.json().path("data").isEmpty(); round++) {
                    for (JsonNode d : left.json().path("data")) {
                        api.as(client.get(), "DELETE", "/debts/" + d.path("id").asText()).send();
                    }
                    left = api.list(client.get(), ctx.mark());
                }
                Expect.status(left, 200);
                Expect.that(left.json().path("data").isEmpty(), "kit data left behind", "no debt with internal_id " + ctx.mark() + "...",
                        left.json().path("pagination").toString(), left);
            }
        });
    }

    static String firstEnum(KitContext ctx, String schema) {
        var s = ctx.api().openApi().getComponents().getSchemas().get(schema);
        return s == null || s.getEnum() == null ? "call" : String.valueOf(s.getEnum().get(0));
    }

    private static Check check(String id, String description) {
        return Check.required(GROUP, id, "SPEC-" + (id.startsWith("SPEC-flow") ? "flow" : id.startsWith("SPEC-idem") ? "idempotency" : "etag"),
                description).needs(Features.RESOURCES);
    }
}
