package io.getbill.server.resources.reports;

import io.getbill.server.api.model.ReportFormat;
import io.getbill.server.api.model.ReportType;
import io.getbill.server.testsupport.ResourceTest;
import io.getbill.server.testsupport.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reports on the zero-setup default database (H2 in MySQL mode: the file column, the lease updates) with a small
 * maximum file size: a report that fits completes and is served, one that would exceed the limit ends
 * {@code failed} with its reason and cannot be downloaded.
 */
@MicronautTest(transactional = false)
class ReportsH2Test extends ResourceTest {

    @Inject
    ReportRequests requests;

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("getbill.reports.max-file-size", "300");
        return properties;
    }

    @Test
    void reportWhenLargerThanTheMaximumFileSizeThenFailedWithReasonAndDownloadIs409() {
        String company = acme.get("/company/profile").then().statusCode(200).extract().path("data.id");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // a collection report lists every followup type and status and every debt status: well over 300 bytes
        Report report = requests.request(company, ReportType.COLLECTION, ReportFormat.CSV, today.withDayOfMonth(1), today, null);

        JsonPath failed = await(report.id());
        assertEquals("failed", failed.getString("data.status"));
        assertEquals(false, failed.getBoolean("data.download_available"));
        assertEquals(true, failed.getString("data.failure_reason").contains("300 bytes"));
        acme.get("/reports/download/" + report.id()).then().statusCode(409).body("code", equalTo(409));
    }

    @Test
    void reportWhenWithinTheMaximumFileSizeThenCompletedAndServedOnH2() {
        String company = acme.get("/company/profile").then().statusCode(200).extract().path("data.id");
        Report report = requests.request(company, ReportType.FINANCIAL, ReportFormat.CSV, LocalDate.of(2020, 1, 1),
                LocalDate.of(2020, 1, 31), null);

        JsonPath done = await(report.id());
        assertEquals("completed", done.getString("data.status"));
        assertEquals("financial-2020-01.csv", done.getString("data.filename"));
        assertEquals("Financial report - January 2020", done.getString("data.title"));
        String url = acme.get("/reports/download/" + report.id()).then().statusCode(200)
                .body("data.download_url", notNullValue()).extract().path("data.download_url");
        String csv = ReportsMariaDbTest.fetch(url).then().statusCode(200).extract().asString();
        assertEquals("section,currency,status,count,amount\r\n", csv);
    }

    private JsonPath await(String id) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            JsonPath body = acme.get("/reports/" + id).then().statusCode(200).extract().jsonPath();
            if (!"generating".equals(body.getString("data.status")) || System.currentTimeMillis() > deadline) {
                return body;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
