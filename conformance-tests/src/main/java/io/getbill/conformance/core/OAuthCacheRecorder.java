package io.getbill.conformance.core;

import io.getbill.conformance.spec.ApiModel;
import io.getbill.conformance.spec.ApiOperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 6749 §5.1: every response of the token endpoint — and of revocation and introspection, which answer tokens
 * and token metadata — carries {@code Cache-Control: no-store} and {@code Pragma: no-cache}, success or error. Watches
 * every POST the kit sends to an unsecured form endpoint of the contract and yields one check per endpoint.
 */
public final class OAuthCacheRecorder implements Http.Listener {

    private static final String GROUP = "token";

    private final ApiModel api;
    private final Map<String, Seen> seen = new LinkedHashMap<>();

    private static final class Seen {
        final ApiOperation operation;
        int count;
        CheckFailure failure;
        Exchange exchange;
        int failures;

        Seen(ApiOperation operation) {
            this.operation = operation;
        }
    }

    public OAuthCacheRecorder(ApiModel api) {
        this.api = api;
    }

    @Override
    public synchronized void exchanged(Exchange exchange, Http.Contract contract) {
        if (exchange.status() < 0 || !"POST".equals(exchange.method())) {
            return;
        }
        ApiOperation op = api.find(exchange.method(), exchange.path()).orElse(null);
        if (op == null || op.secured() || !isForm(op)) {
            return;
        }
        Seen s = seen.computeIfAbsent(op.operationId(), k -> new Seen(op));
        s.count++;
        try {
            Expect.noStore(exchange);
        } catch (CheckFailure f) {
            s.failures++;
            if (s.failure == null) {
                s.failure = f;
                s.exchange = exchange;
            }
        }
    }

    private static boolean isForm(ApiOperation op) {
        return op.operationId() != null && api(op);
    }

    private static boolean api(ApiOperation op) {
        // The OAuth endpoints are the unsecured operations whose body is a form (the JSON schema is absent). Admin API
        // operations are secured by the session scheme rather than oauth2, and some take no body: they are not OAuth.
        // The sign-in, consent and account forms answer a browser with pages and redirects, not tokens: the
        // authorization-code group checks their headers.
        return op.requestSchema() == null && op.method().equals("POST") && !op.path().startsWith("/admin-api/")
                && !io.getbill.conformance.spec.Features.AUTHORIZATION_CODE.equals(op.feature());
    }

    public synchronized List<CheckResult> results() {
        List<CheckResult> results = new ArrayList<>();
        for (Seen s : seen.values()) {
            Check check = Check.required(GROUP, "RFC6749-5.1-cache-headers-" + s.operation.operationId(), "RFC6749-5.1",
                    "every response of " + s.operation.path() + ", success or error, has Cache-Control: no-store and Pragma: no-cache")
                    .needs(s.operation.feature());
            results.add(s.failure == null
                    ? new CheckResult(check, Outcome.PASSED, s.count + " response(s) checked", null, null, List.of(), 0)
                    : new CheckResult(check, Outcome.FAILED, s.failures + " of " + s.count + " response(s): " + s.failure.getMessage(),
                    s.failure.expected(), s.failure.actual(), List.of(s.exchange), 0));
        }
        return results;
    }
}
