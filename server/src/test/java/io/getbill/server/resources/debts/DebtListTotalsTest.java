package io.getbill.server.resources.debts;

import io.getbill.server.testsupport.ApiCalls;
import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.getbill.server.testsupport.ApiCalls.V1;
import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code pagination.total} of the lists the per-day counters answer (status, currency, created range) stays exact
 * through creations, status changes and deletions, whichever way the range cuts the days, against a real MariaDB.
 */
@MicronautTest(transactional = false)
class DebtListTotalsTest extends ResourceTest {

    private static final String CURRENCY = "SEK";

    private String create(ApiCalls caller) {
        return caller.post("/debts", debt("currency", CURRENCY)).then().log().ifValidationFails().statusCode(201)
                .extract().path("data.id");
    }

    private int total(String status, Instant from, Instant to, String... more) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("currency", CURRENCY);
        if (from != null) {
            query.put("created_from", from.toString());
        }
        if (to != null) {
            query.put("created_to", to.toString());
        }
        for (int i = 0; i < more.length; i += 2) {
            query.put(more[i], more[i + 1]);
        }
        return acme.request().queryParams(query).get(V1 + "/debts").then().log().ifValidationFails().statusCode(200)
                .extract().path("pagination.total");
    }

    @Test
    void totalsWhenDebtsCreatedChangedAndDeletedThenExactForWholeAndPartialDays() {
        String first = create(acme);
        create(acme);
        String changed = create(acme);
        String deleted = create(acme);
        create(beta);
        acme.put("/debts/" + changed, map("status", "in_progress")).then().statusCode(200);
        acme.put("/debts/" + first, map("summary", "an edit that moves no counter")).then().statusCode(200);
        acme.delete("/debts/" + deleted).then().statusCode(200);

        Instant now = Instant.now();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant tomorrow = today.plus(1, ChronoUnit.DAYS);
        // whole days only: the counters alone
        assertTotals(2, 1, today.minus(3, ChronoUnit.DAYS), tomorrow);
        // open on both sides, or on one
        assertTotals(2, 1, null, null);
        assertTotals(2, 1, today, null);
        assertTotals(2, 1, null, tomorrow);
        // partial first day (yesterday noon to midnight counted in the index), whole days after
        assertTotals(2, 1, today.minus(12, ChronoUnit.HOURS), null);
        // partial last day (tomorrow morning counted in the index)
        assertTotals(2, 1, today.minus(2, ChronoUnit.DAYS), tomorrow.plus(6, ChronoUnit.HOURS));
        // less than a day: no whole day, the index counts
        assertTotals(2, 1, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.HOURS));
        // a range that ends before the debts were created
        assertTotals(0, 0, today.minus(3, ChronoUnit.DAYS), today);
        // a filter the counters do not answer counts in the index: same totals
        org.junit.jupiter.api.Assertions.assertEquals(2, total("pending", today, tomorrow, "amount_min", "0.01"));
    }

    private void assertTotals(int pending, int inProgress, Instant from, Instant to) {
        String range = from + " .. " + to;
        org.junit.jupiter.api.Assertions.assertEquals(pending, total("pending", from, to), "pending " + range);
        org.junit.jupiter.api.Assertions.assertEquals(inProgress, total("in_progress", from, to), "in_progress " + range);
        acme.request().queryParam("currency", CURRENCY).queryParam("status", "paid").get(V1 + "/debts").then()
                .statusCode(200).body("pagination.total", equalTo(0));
    }
}
