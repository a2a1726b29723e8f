package io.getbill.client;

import io.getbill.client.retry.RetryPolicy;

import java.time.Duration;

/** Shared test data: a client for a stub server and the API's JSON bodies. */
final class Fixtures {
    static final String CLIENT_ID = "acme-backend";
    static final String CLIENT_SECRET = "s3cr3t-Value-With-At-Least-32-Chars-0123456789";

    static final String PROFILE = "{\"error\":false,\"message\":\"Success\",\"data\":{\"id\":\"hTBN7n6lkmkhMb6LYqEBZw\","
            + "\"name\":\"Acme Recovery\",\"email\":\"ops@acme.example\",\"created_at\":\"2024-01-15T10:30:00Z\"}}";

    static final String DEBT = "{\"id\":\"abc123def456\",\"firstname\":\"John\",\"lastname\":\"Doe\",\"amount\":1250.00,"
            + "\"amount_text\":\"1250.00\",\"currency\":\"EUR\",\"status\":\"pending\",\"nb_reminders\":0,\"nb_answered\":0,"
            + "\"followups_count\":0,\"metadata\":{},\"debtor_id\":\"dbt7Hn2xWc5P\",\"import_date\":\"2024-01-15T10:30:00Z\","
            + "\"payment_plan_active\":false,\"created_at\":\"2024-01-15T10:30:00Z\",\"updated_at\":\"2024-01-15T10:30:00Z\"}";

    static final String DEBT_RESPONSE = "{\"error\":false,\"message\":\"Success\",\"data\":" + DEBT + "}";

    static final RetryPolicy FAST_RETRIES = RetryPolicy.builder()
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(40))
            .maxRetryAfter(Duration.ofSeconds(2))
            .build();

    private Fixtures() {
    }

    static GetBillClient.Builder client(StubServer server) {
        return GetBillClient.builder()
                .baseUrl(server.baseUrl())
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .scopes("debts:read", "debts:write")
                .requestTimeout(Duration.ofSeconds(5))
                .retryPolicy(FAST_RETRIES);
    }

    static String error(int status, String message) {
        return "{\"error\":true,\"message\":\"" + message + "\",\"code\":" + status + ",\"request_id\":\"req-" + status + "\"}";
    }

    static String debtPage(int page, int pages, String... ids) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            if (data.length() > 0) {
                data.append(',');
            }
            data.append(DEBT.replace("abc123def456", id));
        }
        return "{\"error\":false,\"message\":\"Success\",\"data\":[" + data + "],\"pagination\":{\"total\":"
                + (pages * 2L) + ",\"page\":" + page + ",\"limit\":2,\"pages\":" + pages + "}}";
    }
}
