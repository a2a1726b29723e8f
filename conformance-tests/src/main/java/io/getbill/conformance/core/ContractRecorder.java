package io.getbill.conformance.core;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.getbill.conformance.spec.ApiModel;
import io.getbill.conformance.spec.ApiOperation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Contract checks on every response the kit sees (Schemathesis-style): each exchange with a declared operation is
 * validated by the Atlassian OpenAPI validator (content type, body against the schema, header values) and by the
 * kit for what the validator leaves out (the status is declared for the operation; every header the response
 * declares is present). Requests are not validated: the kit writes them, and its negative probes break them on
 * purpose.
 *
 * <p>Results are grouped per operation and status into four checks —
 * {@code SPEC-response-status-<operationId>-<status>}, {@code SPEC-response-content-type-...},
 * {@code SPEC-response-schema-...}, {@code SPEC-response-headers-...} — each failing with the first exchange that
 * broke it.
 */
public final class ContractRecorder implements Http.Listener {

    /** The four things checked on every response. */
    public enum Aspect {
        STATUS("SPEC-response-status", "the status code is declared for the operation"),
        CONTENT_TYPE("SPEC-response-content-type", "the content type is declared for the status"),
        SCHEMA("SPEC-response-schema", "the body is valid against the declared schema"),
        HEADERS("SPEC-response-headers", "every declared header is present with a valid value");

        final String requirement;
        final String description;

        Aspect(String requirement, String description) {
            this.requirement = requirement;
            this.description = description;
        }
    }

    private static final String GROUP = "contract";

    private final ApiModel api;
    private final OpenApiInteractionValidator validator;
    private final Map<String, Observed> observed = new LinkedHashMap<>();

    private static final class Observed {
        final ApiOperation operation;
        final int status;
        int count;
        final Map<Aspect, Violation> violations = new LinkedHashMap<>();
        final Map<Aspect, Integer> violationCounts = new LinkedHashMap<>();

        Observed(ApiOperation operation, int status) {
            this.operation = operation;
            this.status = status;
        }
    }

    private record Violation(Exchange exchange, List<String> messages) {
    }

    public ContractRecorder(ApiModel api) {
        this.api = api;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(api.text())
                .withLevelResolver(LevelResolver.create()
                        // Requests are the kit's own; only responses are judged.
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        // The kit checks the status itself (see Aspect.STATUS).
                        .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    @Override
    public synchronized void exchanged(Exchange exchange, Http.Contract contract) {
        if (contract != Http.Contract.VALIDATE || exchange.status() < 0) {
            return;
        }
        String path = exchange.path();
        ApiOperation operation = api.find(exchange.method(), path).orElse(null);
        if (operation == null) {
            return;
        }
        Observed o = observed.computeIfAbsent(operation.operationId() + "|" + exchange.status(),
                k -> new Observed(operation, exchange.status()));
        o.count++;
        ApiResponse declared = operation.responses().get(Integer.toString(exchange.status()));
        if (declared == null) {
            declared = operation.responses().get("default");
        }
        if (declared == null) {
            violate(o, Aspect.STATUS, exchange, List.of("HTTP " + exchange.status() + " is not declared for "
                    + operation.operationId() + " (declared: " + operation.responses().keySet() + ")"));
            return;
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach((name, values) -> {
            if (name != null && !name.startsWith(":")) {
                response.withHeader(name, values);
            }
        });
        if (exchange.responseBody() != null && !exchange.responseBody().isEmpty()) {
            response.withBody(exchange.responseBody());
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(exchange.method()), response.build());
        Map<Aspect, List<String>> byAspect = new LinkedHashMap<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            byAspect.computeIfAbsent(aspect(m.getKey()), a -> new ArrayList<>()).add(m.getKey() + ": " + m.getMessage());
        }
        List<String> missing = missingHeaders(operation, declared, exchange);
        if (!missing.isEmpty()) {
            byAspect.computeIfAbsent(Aspect.HEADERS, a -> new ArrayList<>()).addAll(missing);
        }
        byAspect.forEach((aspect, messages) -> violate(o, aspect, exchange, messages));
    }

    private static void violate(Observed o, Aspect aspect, Exchange exchange, List<String> messages) {
        o.violations.putIfAbsent(aspect, new Violation(exchange, messages));
        o.violationCounts.merge(aspect, 1, Integer::sum);
    }

    private static Aspect aspect(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("contenttype") || k.contains("mediatype")) {
            return Aspect.CONTENT_TYPE;
        }
        if (k.contains("header")) {
            return Aspect.HEADERS;
        }
        if (k.contains("status")) {
            return Aspect.STATUS;
        }
        return Aspect.SCHEMA;
    }

    /**
     * Declared headers absent from the response. A header is conditional — and not required here — when the contract
     * says so in its description ("absent otherwise"), and {@code WWW-Authenticate} on the OAuth endpoints' 401, which
     * RFC 6749 §5.2 requires only when the client tried HTTP Basic (the token checks verify that rule).
     */
    private static List<String> missingHeaders(ApiOperation operation, ApiResponse declared, Exchange exchange) {
        List<String> missing = new ArrayList<>();
        if (declared.getHeaders() == null) {
            return missing;
        }
        for (Map.Entry<String, Header> h : declared.getHeaders().entrySet()) {
            String name = h.getKey();
            String description = h.getValue().getDescription() == null ? "" : h.getValue().getDescription().toLowerCase(Locale.ROOT);
            boolean conditional = description.contains("absent otherwise")
                    || (!operation.secured() && name.equalsIgnoreCase("WWW-Authenticate"));
            if (!conditional && exchange.header(name).isEmpty()) {
                missing.add("declared header " + name + " is missing");
            }
        }
        return missing;
    }

    /** One result per operation, status and aspect seen so far. */
    public synchronized List<CheckResult> results() {
        List<CheckResult> results = new ArrayList<>();
        for (Observed o : observed.values()) {
            boolean declared = o.operation.declaresStatus(o.status) || o.operation.responses().containsKey("default");
            for (Aspect aspect : Aspect.values()) {
                if (!declared && aspect != Aspect.STATUS) {
                    continue;
                }
                Check check = Check.required(GROUP, aspect.requirement + "-" + o.operation.operationId() + "-" + o.status,
                        aspect.requirement, o.operation.operationId() + " " + o.status + ": " + aspect.description)
                        .needs(o.operation.feature());
                Violation v = o.violations.get(aspect);
                if (v == null) {
                    results.add(new CheckResult(check, Outcome.PASSED, o.count + " response(s) checked", null, null, List.of(), 0));
                } else {
                    results.add(new CheckResult(check, Outcome.FAILED,
                            o.violationCounts.get(aspect) + " of " + o.count + " response(s) break the contract",
                            "a response matching " + o.operation.operationId() + " " + o.status + " in the contract",
                            String.join("; ", v.messages()), List.of(v.exchange()), 0));
                }
            }
        }
        return results;
    }
}
