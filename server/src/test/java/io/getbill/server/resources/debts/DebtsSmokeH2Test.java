package io.getbill.server.resources.debts;

import io.getbill.server.testsupport.ResourceTest;
import io.getbill.server.testsupport.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The debt lifecycle on H2 in MySQL mode (the embedded default): the same SQL must run there too. */
@MicronautTest(transactional = false)
class DebtsSmokeH2Test extends ResourceTest {

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    @Test
    void createGetListUpdateDeleteOnH2() {
        String id = acme.post("/debts", debt("internal_id", "H2-1", "metadata", java.util.Map.of("k", "v")))
                .then().log().ifValidationFails().statusCode(201)
                .body("data.phone", equalTo("+33612345678"))
                .extract().path("data.id");
        String etag = acme.get("/debts/" + id).then().statusCode(200).header("ETag", notNullValue())
                .body("data.metadata.k", equalTo("v")).extract().header("ETag");
        acme.request().queryParam("status", "pending").queryParam("currency", "EUR")
                .queryParam("created_from", "2000-01-01T00:00:00Z").queryParam("search", "h2-")
                .get("/external-api/v1/debts").then().log().ifValidationFails().statusCode(200)
                .body("data[0].id", equalTo(id)).body("pagination.total", equalTo(1));
        acme.json(java.util.Map.of("status", "paid")).header("If-Match", etag).put("/external-api/v1/debts/" + id)
                .then().log().ifValidationFails().statusCode(200).body("data.status", equalTo("paid"));
        acme.delete("/debts/" + id).then().statusCode(200);
        acme.get("/debts/" + id).then().statusCode(404);
    }
}
