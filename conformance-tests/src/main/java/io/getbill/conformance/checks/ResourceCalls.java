package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.CheckFailure;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;

import java.util.List;

/**
 * The resource calls the stateful checks make, as a partner would, with the run's mark on everything written.
 * Debts created here are recorded for deletion at the end of the run. No timeline is ever attached: the only
 * {@code timeline_id} the kit sends names no timeline and must be refused ({@link TimelineChecks}).
 */
final class ResourceCalls {

    static final String V1 = "/external-api/v1";

    /** What a client needs for the debt, debtor and followup flows: read and write on each. */
    static final ClientProperty PARTNER = ClientProperty.scopes(List.of("debts:read", "debts:write", "debtors:read",
            "debtors:write", "followups:read", "followups:write"));

    private final KitContext ctx;

    ResourceCalls(KitContext ctx) {
        this.ctx = ctx;
    }

    String token(KitClient client) {
        return ctx.tokens().access(client, null);
    }

    Http.Request as(KitClient client, String method, String path) {
        return ctx.http().method(method, V1 + path).bearer(token(client));
    }

    /** A debt body of this run: marked internal_id, an email, no timeline. */
    ObjectNode debt(String suffix) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("firstname", "Conformance");
        o.put("lastname", "Kit " + suffix);
        o.put("email", "conformance+" + suffix + "@example.com");
        o.put("amount", 123.45);
        o.put("currency", "EUR");
        o.put("object", "Conformance kit check");
        o.put("internal_id", ctx.mark() + "-" + suffix);
        return o;
    }

    Exchange create(KitClient client, JsonNode body) {
        Exchange x = as(client, "POST", "/debts").json(body.toString()).send();
        if (x.status() >= 200 && x.status() < 300) {
            ctx.created(x.text("/data/id"));
        }
        return x;
    }

    /** Creates a debt and returns its {@code data}, or fails the running check. */
    JsonNode created(KitClient client, JsonNode body) {
        Exchange x = create(client, body);
        if (x.status() != 201 || x.text("/data/id") == null) {
            throw new CheckFailure("could not create a debt", "HTTP 201 with data.id", "HTTP " + x.status(), x);
        }
        return x.json().path("data");
    }

    Exchange list(KitClient client, String search) {
        return as(client, "GET", "/debts").query("search=" + Forms.encode(search) + "&limit=100").send();
    }

    static boolean listContains(Exchange list, String id) {
        for (JsonNode d : list.json().path("data")) {
            if (id.equals(d.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Skips the running check: {@code what} was to come from {@code earlierCheck}. */
    static JsonNode require(String what, String earlierCheck) {
        throw CheckSkipped.missing(what, earlierCheck);
    }
}
