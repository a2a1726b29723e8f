package io.getbill.server.resources.debts;

import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.getbill.server.testsupport.ApiCalls.V1;
import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** {@code POST /debts/batch} against a real MariaDB: shape all or nothing, rules item by item. */
@MicronautTest(transactional = false)
class DebtBatchTest extends ResourceTest {

    private static Map<String, Object> item(String tempId, Object... overrides) {
        Map<String, Object> item = debt(overrides);
        item.put("temp_id", tempId);
        return item;
    }

    @Test
    void batchWithValidInvalidAndSkippedItemsThenValidOnesCreatedAndEachReported() {
        List<Object> items = List.of(
                item("ok-1", "internal_id", "B-1", "phone", "0622222222", "email", null),
                item("bad-phone", "phone", "12", "email", null),
                item("header", "firstname", "*", "lastname", "*"),
                item("dup", "internal_id", "B-1", "phone", "0633333333"),
                item("maghreb", "phone", "+212612345678"),
                item("ok-2", "internal_id", "B-2", "email", "batch2@example.com", "phone", null, "currency", "USD"),
                item("many-errors", "currency", "ABC", "iban", "XX00000000000000", "timeline_id", "t1", "amount", 1.999),
                item("header-fr", "firstname", "Champs obligatoires : prénom"));
        acme.post("/debts/batch", map("batch_name", "January", "debts", items))
                .then().log().ifValidationFails().statusCode(200)
                .body("error", equalTo(false))
                .body("message", equalTo("Batch operation completed"))
                .body("data.import_id", notNullValue())
                .body("data.created.index", contains(0, 5))
                .body("data.created.temp_id", contains("ok-1", "ok-2"))
                .body("data.created.status", contains("created", "created"))
                .body("data.created[0]", not(hasKey("data")))
                .body("data.failed.index", contains(1, 4, 6))
                .body("data.failed[0].errors.phone", notNullValue())
                .body("data.failed[1].errors.phone[0]", containsString("Maghreb"))
                .body("data.failed[2].errors.keySet()", org.hamcrest.Matchers.hasItems("currency", "iban", "timeline_id", "amount"))
                .body("data.skipped.index", contains(2, 3, 7))
                .body("data.skipped.reason", contains("header_row", "duplicate_internal_id", "header_row"))
                .body("data.summary.total", equalTo(8))
                .body("data.summary.created", equalTo(2))
                .body("data.summary.failed", equalTo(3))
                .body("data.summary.skipped", equalTo(3));
        acme.request().queryParam("search", "b-").get(V1 + "/debts").then().statusCode(200).body("pagination.total", equalTo(2));
    }

    @Test
    void batchAcceptingExpensiveDestinationsThenSuchItemsAreCreated() {
        acme.post("/debts/batch", map("accept_expensive_destination", true, "debts",
                        List.of(item("m", "phone", "+212612345679"), item("e", "phone", "+4915123456780", "accept_expensive_destination", false))))
                .then().statusCode(200).body("data.summary.created", equalTo(2)).body("data.failed", empty());
        acme.post("/debts/batch", map("debts", List.of(item("m", "phone", "+212612345670", "accept_expensive_destination", true))))
                .then().statusCode(200).body("data.summary.created", equalTo(1));
    }

    @Test
    void batchBreakingTheSchemaThenBadRequestNamingTheItemFieldAndNothingCreated() {
        acme.post("/debts/batch", map("debts", List.of(item("a", "internal_id", "SCHEMA-1"), item("b", "firstname", ""))))
                .then().log().ifValidationFails().statusCode(400).body("details.'debts[1].firstname'", notNullValue());
        acme.post("/debts/batch", map("debts", List.of(item("a", "internal_id", "SCHEMA-1"), item("b", "amount", "x"))))
                .then().log().ifValidationFails().statusCode(400).body("details.'debts[1].amount'", notNullValue());
        acme.post("/debts/batch", map("debts", List.of(item("a", "internal_id", "SCHEMA-1"), item("b", "colour", "red"))))
                .then().statusCode(400).body("details.'debts[1].colour'", notNullValue());
        acme.post("/debts/batch", map("debts", List.of(item("a", "internal_id", "SCHEMA-1"), item("b", "email", null, "internal_id", 7))))
                .then().statusCode(400).body("details.'debts[1].internal_id'", notNullValue());
        acme.post("/debts/batch", "{\"debts\":[{\"firstname\":\"A\",\"lastname\":\"B\",\"email\":null,\"amount\":1,\"currency\":\"EUR\"}]}")
                .then().statusCode(400).body("details.'debts[0].email'", notNullValue());
        acme.post("/debts/batch", map("debts", List.of())).then().statusCode(400).body("details.debts", notNullValue());
        acme.request().queryParam("search", "schema-").get(V1 + "/debts").then().body("pagination.total", equalTo(0));
    }

    @Test
    void batchOfMoreThanAThousandItemsThenBadRequest() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add(map("firstname", "A", "lastname", "B", "email", "x" + i + "@example.com", "amount", 1, "currency", "EUR"));
        }
        acme.post("/debts/batch", map("debts", items)).then().statusCode(400).body("details.debts", notNullValue());
    }

    @Test
    void batchOfAThousandItemsThenAllCreatedInOneRequest() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(map("firstname", "Bulk", "lastname", "N" + i, "email", "bulk" + i + "@example.com", "amount", 10 + i,
                    "currency", "NOK", "internal_id", "BULK-" + i));
        }
        acme.post("/debts/batch", map("debts", items)).then().statusCode(200)
                .body("data.summary.created", equalTo(1000)).body("data.created[999].index", equalTo(999));
        acme.request().queryParam("currency", "NOK").get(V1 + "/debts").then().body("pagination.total", equalTo(1000));
        acme.get("/debtors?limit=1").then().statusCode(200);
    }
}
