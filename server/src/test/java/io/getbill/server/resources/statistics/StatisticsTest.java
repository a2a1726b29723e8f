package io.getbill.server.resources.statistics;

import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** {@code GET /company/statistics}: SQL aggregates per status and currency, every enum value listed. */
@MicronautTest(transactional = false)
class StatisticsTest extends ResourceTest {

    @Test
    void statisticsCountAndSumPerStatusAndCurrencyWithZeroStatusesListed() {
        String paidEur = acme.post("/debts", debt("amount", 100, "currency", "EUR")).path("data.id");
        acme.post("/debts", debt("amount", 50.5, "currency", "EUR")).then().statusCode(201);
        String paidUsd = acme.post("/debts", debt("amount", 20, "currency", "USD")).path("data.id");
        acme.put("/debts/" + paidEur, map("status", "paid")).then().statusCode(200);
        acme.put("/debts/" + paidUsd, map("status", "paid")).then().statusCode(200);
        acme.post("/followups", map("debt_id", paidEur, "type", "sms", "status", "sent")).then().statusCode(201);
        acme.post("/followups", map("debt_id", paidEur, "type", "call")).then().statusCode(201);

        acme.get("/company/statistics").then().log().ifValidationFails().statusCode(200)
                .body("data.generated_at", notNullValue())
                .body("data.totals.debts", equalTo(3))
                .body("data.totals.followups", equalTo(2))
                .body("data.totals.debtors", equalTo(1))
                .body("data.totals.creditors", equalTo(0))
                .body("data.debts.by_status", hasSize(11))
                .body("data.debts.by_status[0].status", equalTo("pending"))
                .body("data.debts.by_status[0].count", equalTo(1))
                .body("data.debts.by_status[0].amounts[0].amount", equalTo(50.50f))
                .body("data.debts.by_status.find { it.status == 'paid' }.count", equalTo(2))
                .body("data.debts.by_status.find { it.status == 'paid' }.amounts.currency", contains("EUR", "USD"))
                .body("data.debts.by_status.find { it.status == 'refused' }.count", equalTo(0))
                .body("data.debts.by_currency.currency", contains("EUR", "USD"))
                .body("data.debts.by_currency[0].count", equalTo(2))
                .body("data.debts.by_currency[0].amount", equalTo(150.50f))
                .body("data.debts.recovered.amount", contains(100.00f, 20.00f))
                .body("data.followups.by_type", hasSize(8))
                .body("data.followups.by_type.find { it.type == 'sms' }.count", equalTo(1))
                .body("data.followups.by_status", hasSize(11))
                .body("data.followups.by_status.find { it.status == 'on_hold' }.count", equalTo(1));
    }

    @Test
    void statisticsNeedCompanyReadScope() {
        reader.get("/company/statistics").then().statusCode(403);
    }
}
