package io.getbill.server.resources.idempotency;

import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.getbill.server.testsupport.ApiCalls.V1;
import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Idempotency-Key} on the creates, against a real MariaDB: replay, 422, 409, scoping, expiry. */
@MicronautTest(transactional = false)
class IdempotencyKeyTest extends ResourceTest {

    @Inject
    DataSource dataSource;
    @Inject
    IdempotencyKeyCleanup cleanup;

    private Response createDebt(String key, Map<String, Object> body) {
        return acme.json(body).header("Idempotency-Key", key).post(V1 + "/debts");
    }

    private int countDebts(String internalId) {
        return acme.request().queryParam("search", internalId).get(V1 + "/debts").path("pagination.total");
    }

    @Test
    void sameKeySameBodyThenOriginalAnswerReplayedAndNothingCreated() {
        String key = UUID.randomUUID().toString();
        Response first = createDebt(key, debt("internal_id", "IDEM-1"));
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        // Same JSON, members in another order and other whitespace.
        String reordered = "{ \"currency\": \"EUR\", \"amount\": 1250.0, \"email\": \"john.doe@example.com\","
                + " \"phone\": \"0612345678\", \"lastname\": \"Doe\", \"firstname\": \"John\", \"internal_id\": \"IDEM-1\" }";
        Response replay = acme.json(reordered).header("Idempotency-Key", key).post(V1 + "/debts");
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), replay.asString());
        assertEquals(1, countDebts("IDEM-1"));
    }

    @Test
    void sameKeyDifferentBodyThenUnprocessableAndNothingCreated() {
        String key = UUID.randomUUID().toString();
        createDebt(key, debt("internal_id", "IDEM-2")).then().statusCode(201);
        createDebt(key, debt("internal_id", "IDEM-2", "amount", 10)).then().statusCode(422)
                .body("code", equalTo(422)).body("details.Idempotency-Key", notNullValue());
        assertEquals(1, countDebts("IDEM-2"));
    }

    @Test
    void keyStillInProgressThenConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = debt("internal_id", "IDEM-3");
        createDebt(key, body).then().statusCode(201);
        // Make the stored record look like a first request that is still running.
        execute("UPDATE idempotency_keys SET state = 'in_progress', locked_until = ? WHERE idempotency_key = ?",
                Timestamp.from(Instant.now().plus(Duration.ofMinutes(1))), key);
        createDebt(key, body).then().statusCode(409).body("code", equalTo(409)).body("details.Idempotency-Key", notNullValue());
        assertEquals(1, countDebts("IDEM-3"));
    }

    @Test
    void abandonedClaimAfterItsLeaseThenTakenOverAndRun() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = debt("internal_id", "IDEM-4");
        createDebt(key, body).then().statusCode(201);
        execute("UPDATE idempotency_keys SET state = 'in_progress', locked_until = ? WHERE idempotency_key = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), key);
        createDebt(key, body).then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void concurrentRequestsWithOneKeyThenExactlyOneDebtAndEachAnswerIsTheOriginalOrAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = debt("internal_id", "IDEM-RACE");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> createDebt(key, body));
            }
            Set<String> createdIds = new HashSet<>();
            int conflicts = 0;
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                assertTrue(r.statusCode() == 201 || r.statusCode() == 409, r.statusCode() + " " + r.asString());
                if (r.statusCode() == 201) {
                    createdIds.add(r.path("data.id"));
                } else {
                    conflicts++;
                }
            }
            assertEquals(1, createdIds.size(), "every 201 carries the same debt");
            assertTrue(conflicts < 8);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, countDebts("IDEM-RACE"));
    }

    @Test
    void failedRequestThenKeyIsFreeForTheCorrectedRequest() {
        String key = UUID.randomUUID().toString();
        createDebt(key, debt("internal_id", "IDEM-5", "phone", "+212612345678")).then().statusCode(422);
        createDebt(key, debt("internal_id", "IDEM-5", "phone", "+212612345678", "accept_expensive_destination", true))
                .then().statusCode(201);
        createDebt(key, debt("internal_id", "IDEM-5", "amount", "x")).then().statusCode(400);
    }

    @Test
    void keysAreScopedToTheClientAndTheOperation() {
        String key = UUID.randomUUID().toString();
        createDebt(key, debt("internal_id", "IDEM-6")).then().statusCode(201);
        beta.json(debt("internal_id", "IDEM-6")).header("Idempotency-Key", key).post(V1 + "/debts")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        acme.json(map("debts", List.of(debt("internal_id", "IDEM-6B")))).header("Idempotency-Key", key).post(V1 + "/debts/batch")
                .then().statusCode(200).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void expiredKeysAreCleanedUpAndTheKeyCanBeUsedAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        createDebt(key, debt("internal_id", "IDEM-7")).then().statusCode(201);
        execute("UPDATE idempotency_keys SET expires_at = ? WHERE idempotency_key = ?", Timestamp.from(Instant.now().minusSeconds(1)), key);
        assertTrue(cleanup.deleteExpired(Instant.now()) >= 1);
        createDebt(key, debt("internal_id", "IDEM-7")).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(2, countDebts("IDEM-7"));
    }

    @Test
    void batchAndFollowupCreatesReplayToo() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> batch = map("debts", List.of(debt("internal_id", "IDEM-8")));
        String first = acme.json(batch).header("Idempotency-Key", key).post(V1 + "/debts/batch").then().statusCode(200).extract().asString();
        String again = acme.json(batch).header("Idempotency-Key", key).post(V1 + "/debts/batch").then().statusCode(200)
                .header("Idempotent-Replayed", "true").extract().asString();
        assertEquals(first, again);
        assertEquals(1, countDebts("IDEM-8"));

        String debtId = acme.post("/debts", debt()).path("data.id");
        Map<String, Object> followup = map("debt_id", debtId, "type", "call");
        String f1 = acme.json(followup).header("Idempotency-Key", key).post(V1 + "/followups").then().statusCode(201).extract().path("data.id");
        String f2 = acme.json(followup).header("Idempotency-Key", key).post(V1 + "/followups").then().statusCode(201).extract().path("data.id");
        assertEquals(f1, f2);
        acme.get("/debts/" + debtId).then().body("data.followups_count", equalTo(1));
    }

    @Test
    void malformedKeyThenBadRequestNamingTheHeader() {
        acme.json(debt()).header("Idempotency-Key", "k".repeat(256)).post(V1 + "/debts")
                .then().statusCode(400).body("details.Idempotency-Key", notNullValue());
        acme.json(debt()).header("Idempotency-Key", "with space").post(V1 + "/debts")
                .then().statusCode(400).body("details.Idempotency-Key", notNullValue());
    }

    private void execute(String sql, Object... args) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
