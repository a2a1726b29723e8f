package io.getbill.server.resources.isolation;

import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.getbill.server.testsupport.ApiCalls.V1;
import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token of one company never reaches another's data: an id of another company in the path answers exactly like
 * an id that does not exist (404, same message), and in a body it is a 400 on that field.
 */
@MicronautTest(transactional = false)
class TenantIsolationTest extends ResourceTest {

    String debtId;
    String debtorId;
    String creditorId;
    String followupId;

    @BeforeAll
    void acmeData() {
        debtId = acme.post("/debts", debt("company", "Acme Client", "internal_id", "ACME-SECRET")).then().statusCode(201).extract().path("data.id");
        debtorId = acme.get("/debts/" + debtId).path("data.debtor_id");
        creditorId = acme.get("/debts/" + debtId).path("data.creditor_id");
        followupId = acme.post("/followups", map("debt_id", debtId, "type", "call")).then().statusCode(201).extract().path("data.id");
    }

    private void sameAsMissing(Response foreign, Response missing) {
        assertEquals(404, foreign.statusCode(), foreign.asString());
        assertEquals(404, missing.statusCode());
        assertEquals(missing.path("message"), (String) foreign.path("message"));
        assertEquals(missing.path("code"), (Integer) foreign.path("code"));
    }

    @Test
    void foreignIdsInThePathAnswerExactlyLikeMissingOnes() {
        sameAsMissing(beta.get("/debts/" + debtId), beta.get("/debts/missing"));
        sameAsMissing(beta.put("/debts/" + debtId, map("summary", "x")), beta.put("/debts/missing", map("summary", "x")));
        sameAsMissing(beta.delete("/debts/" + debtId), beta.delete("/debts/missing"));
        sameAsMissing(beta.get("/debts/by-debtor/" + debtorId), beta.get("/debts/by-debtor/missing"));
        sameAsMissing(beta.get("/debts/by-creditor/" + creditorId), beta.get("/debts/by-creditor/missing"));
        sameAsMissing(beta.get("/debtors/" + debtorId), beta.get("/debtors/missing"));
        sameAsMissing(beta.put("/debtors/" + debtorId, map("address", "x")), beta.put("/debtors/missing", map("address", "x")));
        sameAsMissing(beta.get("/creditors/" + creditorId), beta.get("/creditors/missing"));
        sameAsMissing(beta.put("/creditors/" + creditorId, map("city", "x")), beta.put("/creditors/missing", map("city", "x")));
        sameAsMissing(beta.get("/followups/" + followupId), beta.get("/followups/missing"));
        sameAsMissing(beta.put("/followups/" + followupId, map("notes", "x")), beta.put("/followups/missing", map("notes", "x")));
        sameAsMissing(beta.get("/followups/debt/" + debtId), beta.get("/followups/debt/missing"));
        acme.get("/debts/" + debtId).then().statusCode(200).body("data.summary", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void foreignDebtIdInAFollowupBodyThenBadRequestOnThatField() {
        beta.post("/followups", map("debt_id", debtId, "type", "call")).then().statusCode(400)
                .body("details.debt_id", notNullValue());
        acme.get("/debts/" + debtId).then().body("data.followups_count", equalTo(1));
    }

    @Test
    void listsAndStatisticsShowOnlyTheCallersCompany() {
        beta.post("/debts", debt("internal_id", "BETA-1", "company", "Acme Client")).then().statusCode(201);
        beta.get("/debts").then().statusCode(200).body("data.internal_id", not(hasItem("ACME-SECRET")))
                .body("pagination.total", equalTo(1));
        beta.request().queryParam("search", "acme-secret").get(V1 + "/debts").then().body("pagination.total", equalTo(0));
        beta.get("/debtors").then().body("data.id", not(hasItem(debtorId)));
        // Same creditor name in another company: another record.
        List<String> betaCreditors = beta.get("/creditors").path("data.id");
        assertEquals(1, betaCreditors.size());
        org.junit.jupiter.api.Assertions.assertNotEquals(creditorId, betaCreditors.get(0));
        beta.get("/followups").then().body("pagination.total", equalTo(0));
        beta.request().queryParam("debt_id", debtId).get(V1 + "/followups").then().statusCode(200).body("pagination.total", equalTo(0));
        beta.get("/company/statistics").then().statusCode(200).body("data.totals.debts", equalTo(1))
                .body("data.totals.followups", equalTo(0));
    }
}
