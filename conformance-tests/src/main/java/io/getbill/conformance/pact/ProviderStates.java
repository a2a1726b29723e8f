package io.getbill.conformance.pact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The provider states the kit sets up, by their sentence (Pact workshop style). Data is created through the
 * deployment's own API by a client holding debts:write and followups:write ({@link #owner}) — real rows, written by the server's own write path, marked like all
 * the kit's data and deleted at the end of the run — so the same states work in the build and against another
 * deployment. A state returns the values its interaction injects with {@code fromProviderState} ({@code id},
 * {@code debtId}, {@code debtorId}, {@code followupId}); a consumer whose paths hold fixed ids cannot be verified
 * against real data and should use {@code pathFromProviderState}.
 *
 * <p>Known sentences (case-insensitive): states about the partner's client or company ("a client ... exists",
 * "company ... exists", "... has a valid token", "... is registered") need nothing beyond the config; "no debt ...",
 * "... does not exist" need nothing (ids the kit uses are random); "a public client X ..." needs X registered as a
 * public client in the config; "a debt exists ..." creates a debt;
 * "a followup exists ..." creates a debt and a followup on it.
 */
public final class ProviderStates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NOTHING_NEEDED = Pattern.compile(
            "(?i).*(client .*exists|company .*exists|has a valid (access )?token|is registered|does not exist|no debt.*|no followup.*|not found).*");
    private static final Pattern DEBT = Pattern.compile("(?i).*\\bdebts? (with .+ )?exists?\\b.*");
    private static final Pattern PUBLIC_CLIENT = Pattern.compile("(?i).*\\ba public client (\\S+) .*");
    private static final Pattern FOLLOWUP = Pattern.compile("(?i).*\\bfollowups? (with .+ )?exists?\\b.*");

    private final KitContext ctx;

    public ProviderStates(KitContext ctx) {
        this.ctx = ctx;
    }

    /** Whether the kit knows how to set up this state. */
    public static boolean known(String state) {
        return NOTHING_NEEDED.matcher(state).matches() || PUBLIC_CLIENT.matcher(state).matches() || DEBT.matcher(state).matches() || FOLLOWUP.matcher(state).matches();
    }

    /**
     * Sets up the state; empty when the sentence is unknown.
     *
     * @return the values for {@code fromProviderState} expressions
     */
    public Optional<Map<String, Object>> setUp(String state) {
        Map<String, Object> values = new HashMap<>();
        if (FOLLOWUP.matcher(state).matches()) {
            JsonNode debt = createDebt("pact-followup");
            String followup = post("/external-api/v1/followups", JSON.createObjectNode()
                    .put("debt_id", debt.path("id").asText()).put("type", "call").put("notes", "Conformance pact state"))
                    .path("id").asText();
            values.put("debtId", debt.path("id").asText());
            values.put("followupId", followup);
            values.put("id", followup);
            return Optional.of(values);
        }
        if (DEBT.matcher(state).matches()) {
            JsonNode debt = createDebt("pact-debt");
            values.put("id", debt.path("id").asText());
            values.put("debtId", debt.path("id").asText());
            values.put("debtorId", debt.path("debtor_id").asText());
            return Optional.of(values);
        }
        if (NOTHING_NEEDED.matcher(state).matches()) {
            return Optional.of(values);
        }
        Matcher publicClient = PUBLIC_CLIENT.matcher(state);
        if (publicClient.matches()) {
            // A public client has no secret for the kit to swap in: the config must register the consumer's own id.
            return ctx.config().publicClientIds().contains(publicClient.group(1)) ? Optional.of(values) : Optional.empty();
        }
        return Optional.empty();
    }

    private JsonNode createDebt(String suffix) {
        ObjectNode body = JSON.createObjectNode().put("firstname", "Conformance").put("lastname", "Pact")
                .put("email", "conformance+pact@example.com").put("amount", 99.99).put("currency", "EUR")
                .put("internal_id", ctx.mark() + "-" + suffix);
        JsonNode data = post("/external-api/v1/debts", body);
        ctx.created(data.path("id").asText(null));
        return data;
    }

    /** The client that creates the states' data: the interactions are replayed by a client of its company. */
    public static KitClient owner(KitContext ctx) {
        return ctx.client(ClientProperty.scopes(java.util.List.of("debts:write", "followups:write")));
    }

    private JsonNode post(String path, JsonNode body) {
        KitClient full = owner(ctx);
        Http.Request r = ctx.http().post(path).bearer(ctx.tokens().access(full, null)).json(body.toString());
        Exchange x = r.send();
        if (x.status() != 201) {
            throw new IllegalStateException("provider state set-up failed: " + x.summary() + " " + x.responseBody());
        }
        return x.json().path("data");
    }
}
