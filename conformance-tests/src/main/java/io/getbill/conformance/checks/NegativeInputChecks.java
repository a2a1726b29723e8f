package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.ApiOperation;
import io.getbill.conformance.spec.SchemaSamples;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Negative input derived from the contract (Schemathesis-style): for every secured operation with query
 * parameters or a JSON body, each generated violation — missing required field, wrong type, out-of-range number,
 * too long or too short string, bad enum, bad format or pattern, unknown property where
 * {@code additionalProperties: false} — must be a 4xx in the error envelope whose {@code details} names the field,
 * never a 5xx; malformed JSON and a wrong content type too. Path ids are random: per the contract's order of checks,
 * validation (400) comes before lookup (404). Anything a broken deployment creates anyway is recorded and deleted.
 */
public final class NegativeInputChecks implements CheckGroup {

    public static final String GROUP = "input";

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        SchemaSamples samples = new SchemaSamples(ctx.api().idPattern(), ctx.mark(), () -> KitContext.randomId(22));
        for (ApiOperation op : ctx.api().securedOperations()) {
            String path = op.pathWith(KitContext.randomId(22));
            for (Parameter p : op.queryParameters()) {
                for (String[] v : queryViolations(p)) {
                    String field = p.getName();
                    checks.run(check(op, "SPEC-input-" + op.operationId() + "-query-" + field + "-" + v[0],
                            op + " with query " + field + "=" + abbreviate(v[1]) + " (" + v[0] + ") is a 4xx naming " + field), () -> {
                        Exchange x = send(ctx, op, ctx.http().method(op.method(), path).query(Forms.encode(field) + "=" + Forms.encode(v[1])));
                        rejected(x, field);
                    });
                }
            }
            for (Parameter p : op.pathParameters()) {
                checks.run(check(op, "SPEC-input-" + op.operationId() + "-path-" + p.getName() + "-bad-pattern",
                        op + " with a " + p.getName() + " that breaks the Id pattern is a 4xx in the envelope, never a 5xx"), () -> {
                    Exchange x = send(ctx, op, ctx.http().method(op.method(), op.pathWith("x".repeat(65)))
                            .with(r -> {
                                if (op.requestSchema() != null) {
                                    r.json("{}");
                                }
                            }));
                    Expect.status4xx(x);
                    Expect.envelope(x);
                });
            }
            Schema<?> schema = op.requestSchema();
            if (schema == null) {
                continue;
            }
            ObjectNode base = samples.validObject(schema);
            checks.run(check(op, "SPEC-input-" + op.operationId() + "-malformed-json",
                    op + " with malformed JSON is 400 in the envelope"), () -> {
                Exchange x = send(ctx, op, ctx.http().method(op.method(), path).json("{\"truncated\": "));
                Expect.status(x, 400);
                Expect.envelope(x);
            });
            checks.run(check(op, "SPEC-input-" + op.operationId() + "-wrong-content-type",
                    op + " with a text/plain body is 415 in the envelope"), () -> {
                Exchange x = send(ctx, op, ctx.http().method(op.method(), path).body("text/plain", base.toString()));
                Expect.status(x, 415);
                Expect.envelope(x);
            });
            for (SchemaSamples.Violation v : samples.violations(schema, "")) {
                String id = "SPEC-input-" + op.operationId() + "-" + v.field().replace("[0].", "-0-") + "-" + v.kind();
                checks.run(check(op, id, op + ": " + v.field() + " " + v.kind() + " is a 4xx naming " + v.field()), () -> {
                    ObjectNode body = SchemaSamples.apply(base, v);
                    Exchange x = send(ctx, op, ctx.http().method(op.method(), path).json(body.toString()));
                    rejected(x, v.field().replace("[0].", "[0]."));
                });
            }
        }
    }

    private static Check check(ApiOperation op, String id, String description) {
        return Check.required(GROUP, id, "SPEC-input-validation", description).needs(op.feature());
    }

    private static Exchange send(KitContext ctx, ApiOperation op, Http.Request request) {
        Exchange x = request.bearer(ctx.tokens().access(ctx.client(ClientProperty.scope(op.scope())), null)).send();
        if (x.status() >= 200 && x.status() < 300 && op.method().equals("POST")) {
            ctx.created(x.text("/data/id"));
        }
        return x;
    }

    /** A 4xx (never a 5xx, never accepted) in the envelope, with {@code details} naming the field. */
    private static void rejected(Exchange x, String field) {
        Expect.status4xx(x);
        Expect.envelope(x);
        Expect.detailsName(x, field);
    }

    /** Violations of one query parameter: {kind, raw value}. */
    static List<String[]> queryViolations(Parameter p) {
        Schema<?> s = p.getSchema();
        List<String[]> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        String type = s.getType() == null ? "string" : s.getType();
        if (type.equals("integer") || type.equals("number")) {
            out.add(new String[]{"wrong-type", "abc"});
            if (s.getMinimum() != null) {
                out.add(new String[]{"below-minimum", s.getMinimum().subtract(BigDecimal.ONE).toPlainString()});
            }
            if (s.getMaximum() != null) {
                out.add(new String[]{"above-maximum", s.getMaximum().add(BigDecimal.ONE).multiply(BigDecimal.TEN).toPlainString()});
            }
        } else if (s.getEnum() != null) {
            out.add(new String[]{"bad-enum", "conformance-not-a-value"});
        } else {
            if ("date".equals(s.getFormat())) {
                out.add(new String[]{"bad-format", "2024-13-45"});
            } else if ("date-time".equals(s.getFormat())) {
                out.add(new String[]{"bad-format", "not-a-date-time"});
            } else if (s.getPattern() != null) {
                out.add(new String[]{"bad-pattern", "#invalid#"});
            }
            if (s.getMaxLength() != null && s.getMaxLength() <= 2000) {
                out.add(new String[]{"too-long", "x".repeat(s.getMaxLength() + 1)});
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 24 ? s.substring(0, 12) + "..(" + s.length() + ")" : s;
    }
}
