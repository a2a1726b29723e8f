package io.getbill.server.resources.reports;

import io.getbill.server.api.model.ReportFormat;
import io.getbill.server.api.model.ReportStatus;
import io.getbill.server.api.model.ReportType;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.getbill.server.testsupport.AdminSessions;
import io.getbill.server.testsupport.ApiCalls;
import io.getbill.server.testsupport.ResourceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports over real HTTP on a real MariaDB: background generation whose figures match the debts and followups
 * inserted, both types and formats; signed download links (served, tampered, expired, gone) and their access log;
 * tenant isolation, scope, 409 before completion, the outbox event, and a report left by a dead instance.
 */
@MicronautTest(transactional = false)
class ReportsMariaDbTest extends ResourceTest {

    @Inject
    ReportRequests requests;
    @Inject
    ReportLinks links;
    @Inject
    ReportStore store;
    @Inject
    ReportWorker worker;
    @Inject
    WriteTransactions writes;

    Map<String, String> properties;
    String acmeId;
    String betaId;
    LocalDate today;
    LocalDate monthStart;

    @Override
    public Map<String, String> getProperties() {
        properties = super.getProperties();
        return properties;
    }

    @BeforeAll
    void data() throws SQLException {
        acmeId = acme.get("/company/profile").then().statusCode(200).extract().path("data.id");
        betaId = beta.get("/company/profile").then().statusCode(200).extract().path("data.id");
        today = LocalDate.now(ZoneOffset.UTC);
        monthStart = today.withDayOfMonth(1);

        String paidEur = created(acme.post("/debts", debt("amount", 100, "currency", "EUR")));
        String pendingEur = created(acme.post("/debts", debt("amount", 50.5, "currency", "EUR")));
        String paidUsd = created(acme.post("/debts", debt("amount", 20, "currency", "USD")));
        String archivedEur = created(acme.post("/debts", debt("amount", 30, "currency", "EUR")));
        String older = created(acme.post("/debts", debt("amount", 999.99, "currency", "EUR")));
        created(beta.post("/debts", debt("amount", 77, "currency", "EUR")));
        acme.put("/debts/" + paidEur, map("status", "paid")).then().statusCode(200);
        acme.put("/debts/" + paidUsd, map("status", "paid")).then().statusCode(200);
        acme.put("/debts/" + archivedEur, map("status", "archived")).then().statusCode(200);
        acme.post("/followups", map("debt_id", paidEur, "type", "sms", "status", "sent")).then().statusCode(201);
        acme.post("/followups", map("debt_id", paidEur, "type", "call")).then().statusCode(201);
        acme.post("/followups", map("debt_id", pendingEur, "type", "email", "status", "delivered")).then().statusCode(201);
        // one debt from before the period, to see that the period bounds the figures
        sql("UPDATE debts SET created_at = '2020-01-15 10:00:00' WHERE id = ?", older);
        assertTrue(pendingEur != null);
    }

    @Test
    void financialCsvReportWhenGeneratedInTheBackgroundThenFiguresMatchTheDebtsOfThePeriod() {
        Report report = requests.request(acmeId, ReportType.FINANCIAL, ReportFormat.CSV, monthStart, today, null);
        assertEquals(ReportStatus.GENERATING, report.status());

        JsonPath completed = awaitCompleted(report.id());
        assertEquals("text/csv", completed.getString("data.mime_type"));
        assertEquals("csv", completed.getString("data.format"));
        assertEquals(true, completed.getBoolean("data.download_available"));

        Response file = download(report.id());
        file.then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Cache-Control", "private, no-store")
                .header("Content-Disposition", "attachment; filename=\"" + completed.getString("data.filename") + "\"");
        assertEquals(String.join("\r\n",
                "section,currency,status,count,amount",
                "invoiced,EUR,,3,180.50",
                "invoiced,USD,,1,20.00",
                "recovered,EUR,,1,100.00",
                "recovered,USD,,1,20.00",
                "outstanding,EUR,,1,50.50",
                "outstanding,USD,,0,0.00",
                "by_status,EUR,pending,1,50.50",
                "by_status,EUR,paid,1,100.00",
                "by_status,USD,paid,1,20.00",
                "by_status,EUR,archived,1,30.00") + "\r\n", file.asString());
        assertEquals(file.asByteArray().length, completed.getLong("data.file_size"));
    }

    @Test
    void collectionJsonReportWhenGeneratedThenFollowupsDebtsAndRecoveryRateMatch() {
        Report report = requests.request(acmeId, ReportType.COLLECTION, ReportFormat.JSON, monthStart, today, null);
        awaitCompleted(report.id());

        Response file = download(report.id());
        file.then().statusCode(200).header("Content-Type", org.hamcrest.Matchers.startsWith("application/json"));
        JsonPath body = file.jsonPath();
        assertEquals(report.id(), body.getString("report_id"));
        assertEquals("collection", body.getString("type"));
        assertEquals(monthStart.toString(), body.getString("period_from"));
        assertEquals(1, body.getInt("followups_by_type.find { it.type == 'sms' }.count"));
        assertEquals(1, body.getInt("followups_by_type.find { it.type == 'call' }.count"));
        assertEquals(1, body.getInt("followups_by_type.find { it.type == 'email' }.count"));
        assertEquals(0, body.getInt("followups_by_type.find { it.type == 'whatsapp' }.count"));
        assertEquals(8, body.getList("followups_by_type").size());
        assertEquals(1, body.getInt("followups_by_status.find { it.status == 'delivered' }.count"));
        assertEquals(1, body.getInt("followups_by_status.find { it.status == 'on_hold' }.count"));
        assertEquals(2, body.getInt("debts_by_status.find { it.status == 'paid' }.count"));
        assertEquals(1, body.getInt("debts_by_status.find { it.status == 'archived' }.count"));
        assertEquals(List.of("EUR", "USD"), body.getList("recovery.currency"));
        assertEquals(3, body.getInt("recovery[0].count"));
        assertEquals("180.50", body.getString("recovery[0].amount"));
        assertEquals("100.00", body.getString("recovery[0].recovered_amount"));
        assertEquals("0.5540", body.getString("recovery[0].recovery_rate"));
        assertEquals("1.0000", body.getString("recovery[1].recovery_rate"));
    }

    @Test
    void completedReportWhenGeneratedThenReportGeneratedEventIsInTheOutbox() throws SQLException {
        Report report = requests.request(acmeId, ReportType.FINANCIAL, ReportFormat.JSON, monthStart, today, null);
        awaitCompleted(report.id());
        List<String> envelopes = column("SELECT envelope FROM outbox_events WHERE company_id = ? AND type = 'report.generated'", acmeId);
        List<String> mine = envelopes.stream().filter(e -> e.contains("\"id\":\"" + report.id() + "\"")).toList();
        assertEquals(1, mine.size(), () -> "events: " + envelopes);
        JsonPath event = JsonPath.from(mine.get(0));
        assertEquals("report.generated", event.getString("type"));
        assertEquals(acmeId, event.getString("company_id"));
        assertEquals("completed", event.getString("data.status"));
        assertEquals(true, event.getBoolean("data.download_available"));
    }

    @Test
    void downloadLinkWhenUsedThenServedUntilExpiryAndEveryUseLogged() throws SQLException {
        String id = completedReport();
        JsonPath link = acme.get("/reports/download/" + id).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("message", equalTo("Report download information retrieved"))
                .extract().jsonPath();
        URI url = URI.create(link.getString("data.download_url"));
        assertTrue(url.toString().startsWith(base().replaceAll("/$", "") + "/files/reports/" + id + "?expires="), url::toString);
        Instant expiresAt = Instant.parse(link.getString("data.expires_at"));
        long lifetime = Duration.between(Instant.now(), expiresAt).toSeconds();
        assertTrue(lifetime > 3500 && lifetime <= 3600, () -> "link lifetime " + lifetime);
        assertTrue(url.getQuery().contains("expires=" + expiresAt.getEpochSecond()));

        fetch(url.toString()).then().statusCode(200);
        fetch(url.toString()).then().statusCode(200); // reusable until it expires

        List<String> outcomes = column("SELECT outcome FROM report_access_log WHERE report_id = ? ORDER BY id", id);
        assertEquals(List.of("served", "served"), outcomes);
        List<String> companies = column("SELECT company_id FROM report_access_log WHERE report_id = ?", id);
        assertEquals(List.of(acmeId, acmeId), companies);
        List<String> requestIds = column("SELECT request_id FROM report_access_log WHERE report_id = ?", id);
        assertTrue(requestIds.stream().allMatch(r -> r != null && !r.isBlank()));
    }

    @Test
    void downloadLinkWhenSignatureIdOrExpiryTamperedThen403AndLogged() throws SQLException {
        String id = completedReport();
        String other = completedReport();
        String url = acme.get("/reports/download/" + id).then().statusCode(200).extract().path("data.download_url");
        URI u = URI.create(url);
        String expires = query(u, "expires");
        String signature = query(u, "signature");
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);

        forbidden(fetch(base() + "/files/reports/" + id + "?expires=" + expires + "&signature=" + flipped));
        forbidden(fetch(base() + "/files/reports/" + other + "?expires=" + expires + "&signature=" + signature));
        forbidden(fetch(base() + "/files/reports/" + id + "?expires=" + (Long.parseLong(expires) + 3600) + "&signature=" + signature));
        forbidden(fetch(base() + "/files/reports/" + id + "?expires=" + expires + "&signature=not-base64!"));
        forbidden(fetch(base() + "/files/reports/rpt_doesNotExist?expires=" + expires + "&signature=" + signature));

        assertEquals(List.of("forbidden", "forbidden", "forbidden"),
                column("SELECT outcome FROM report_access_log WHERE report_id = ? ORDER BY id", id));
        assertEquals(List.of("forbidden"), column("SELECT outcome FROM report_access_log WHERE report_id = ?", other));
    }

    @Test
    void downloadLinkWhenExpiredThen403AndLoggedAsExpired() throws SQLException {
        String id = completedReport();
        URI expired = links.link(id, Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
        forbidden(fetch(expired.toString()));
        assertEquals(List.of("expired"), column("SELECT outcome FROM report_access_log WHERE report_id = ?", id));
    }

    @Test
    void downloadLinkWhenGenuineButReportGoneThen404() throws SQLException {
        URI link = links.link("rpt_removedReport", Instant.now().plusSeconds(600));
        fetch(link.toString()).then().statusCode(404).body("error", equalTo(true)).body("code", equalTo(404));
        assertEquals(List.of("not_found"), column("SELECT outcome FROM report_access_log WHERE report_id = ?", "rpt_removedReport"));
    }

    @Test
    void downloadLinkWhenParametersMissingThen400InTheEnvelope() {
        fetch(base() + "/files/reports/rpt_x?signature=abc").then().statusCode(400).body("error", equalTo(true))
                .body("details.expires", notNullValue());
        fetch(base() + "/files/reports/rpt_x?expires=12&signature=").then().statusCode(400).body("error", equalTo(true));
        fetch(base() + "/files/reports/rpt_x?expires=soon&signature=abc").then().statusCode(400).body("error", equalTo(true));
    }

    @Test
    void reportWhenStillGeneratingElsewhereThenDownloadIs409AndStatusGenerating() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Report busy = new Report("rpt_busy" + System.nanoTime(), acmeId, ReportType.FINANCIAL, ReportFormat.CSV, "Busy",
                null, monthStart, today, ReportStatus.GENERATING, null, "text/csv", null, null, null, null,
                "another-instance", now.plusSeconds(3600), 1, null, now, now);
        writes.run(() -> {
            store.insert(busy);
            return null;
        });
        acme.get("/reports/" + busy.id()).then().statusCode(200)
                .body("data.status", equalTo("generating"))
                .body("data.download_available", equalTo(false))
                .body("data", not(org.hamcrest.Matchers.hasKey("filename")));
        acme.get("/reports/download/" + busy.id()).then().statusCode(409)
                .body("error", equalTo(true)).body("code", equalTo(409));
    }

    @Test
    void reportWhenLeftGeneratingByADeadInstanceThenTakenOverAfterItsLease() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Report orphan = new Report("rpt_orphan" + System.nanoTime(), acmeId, ReportType.FINANCIAL, ReportFormat.CSV,
                "Orphan", null, monthStart, today, ReportStatus.GENERATING, null, "text/csv", null, null, null, null,
                "dead-instance", now.minusSeconds(1), 1, null, now, now);
        writes.run(() -> {
            store.insert(orphan);
            return null;
        });
        worker.recoverExpiredLeases();
        JsonPath completed = awaitCompleted(orphan.id());
        assertEquals("completed", completed.getString("data.status"));
    }

    @Test
    void reportsOfAnotherCompanyWhenAskedForThen404AndAbsentFromLists() {
        String id = completedReport();
        beta.get("/reports/" + id).then().statusCode(404).body("code", equalTo(404));
        beta.get("/reports/download/" + id).then().statusCode(404);
        beta.get("/reports?limit=100").then().statusCode(200).body("data.id", not(hasItem(id)));
        acme.get("/reports?limit=100").then().statusCode(200).body("data.id", hasItem(id));
    }

    @Test
    void reportsWhenTokenLacksReportsReadThen403InsufficientScope() {
        String id = completedReport();
        for (String path : List.of("/reports", "/reports/" + id, "/reports/download/" + id)) {
            reader.get(path).then().statusCode(403)
                    .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("insufficient_scope"))
                    .header("WWW-Authenticate", org.hamcrest.Matchers.containsString("reports:read"));
        }
        RestAssured.given().baseUri(base()).get(ApiCalls.V1 + "/reports").then().statusCode(401);
    }

    @Test
    void reportListWhenFilteredByTypeStatusAndPeriodThenOnlyMatchingReports() {
        String id = completedReport();
        acme.get("/reports?type=financial&status=completed&period=" + monthStart.toString().substring(0, 7) + "&limit=100")
                .then().statusCode(200).body("data.id", hasItem(id))
                .body("data.type", not(hasItem("collection")))
                .body("data.status", not(hasItem("generating")));
        acme.get("/reports?period=2019-01").then().statusCode(200).body("data.id", not(hasItem(id)))
                .body("pagination.total", equalTo(0));
        acme.get("/reports?period=2024-13").then().statusCode(400).body("details.period", notNullValue());
        acme.get("/reports?type=yearly").then().statusCode(400);
    }

    @Test
    void adminWhenRequestingAReportThen202GeneratingAndTheFileFollowsInTheBackground() {
        AdminSessions.Session admin = AdminSessions.login(base(), AdminSessions.ACME_ADMIN, AdminSessions.ACME_ADMIN_PASSWORD);
        JsonPath accepted = admin.post("/reports", map("type", "collection", "format", "json",
                        "period_from", monthStart.toString(), "period_to", today.toString()))
                .then().statusCode(202)
                .body("error", equalTo(false))
                .body("data.status", equalTo("generating"))
                .body("data.download_available", equalTo(false))
                .body("data.mime_type", equalTo("application/json"))
                .extract().jsonPath();
        String id = accepted.getString("data.id");
        awaitCompleted(id);
        download(id).then().statusCode(200).body("type", equalTo("collection"));

        String csv = admin.post("/reports", map("type", "financial", "period_from", monthStart.toString(),
                "period_to", today.toString())).then().statusCode(202)
                .body("data.format", equalTo("csv")).extract().path("data.id");
        awaitCompleted(csv);
        beta.get("/reports/" + csv).then().statusCode(404);
    }

    @Test
    void adminReportRequestWhenPeriodOrBodyInvalidThen400NamingTheField() {
        AdminSessions.Session admin = AdminSessions.login(base(), AdminSessions.ACME_ADMIN, AdminSessions.ACME_ADMIN_PASSWORD);
        admin.post("/reports", map("type", "financial", "period_from", "2024-02-01", "period_to", "2024-01-31"))
                .then().statusCode(400).body("error", equalTo(true)).body("details.period_to", notNullValue());
        admin.post("/reports", map("type", "financial", "period_from", today.plusDays(1).toString(),
                "period_to", today.plusDays(2).toString())).then().statusCode(400).body("details.period_from", notNullValue());
        admin.post("/reports", map("type", "financial", "period_from", "2020-01-01", "period_to", "2021-06-30"))
                .then().statusCode(400).body("details.period_to", notNullValue());
        admin.post("/reports", map("period_from", "2024-01-01", "period_to", "2024-01-31"))
                .then().statusCode(400).body("details.type", notNullValue());
        admin.post("/reports", map("type", "yearly", "period_from", "2024-01-01", "period_to", "2024-01-31"))
                .then().statusCode(400).body("details.type", notNullValue());
        admin.post("/reports", map("type", "financial", "format", "pdf", "period_from", "2024-01-01", "period_to", "2024-01-31"))
                .then().statusCode(400).body("details.format", notNullValue());
        admin.post("/reports", map("type", "financial", "period_from", "January", "period_to", "2024-01-31"))
                .then().statusCode(400).body("details.period_from", notNullValue());
        admin.post("/reports", map("type", "financial", "period_from", "2024-01-01", "period_to", "2024-01-31", "extra", 1))
                .then().statusCode(400).body("details.extra", notNullValue());
    }

    @Test
    void reportRequestWhenNotAnAdminOrWithoutCsrfOrSessionThenRefused() {
        Map<String, Object> body = map("type", "financial", "period_from", "2024-01-01", "period_to", "2024-01-31");
        AdminSessions.Session member = AdminSessions.login(base(), AdminSessions.ACME_MEMBER, AdminSessions.ACME_MEMBER_PASSWORD);
        member.post("/reports", body).then().statusCode(403).body("code", equalTo(403));
        AdminSessions.Session admin = AdminSessions.login(base(), AdminSessions.ACME_ADMIN, AdminSessions.ACME_ADMIN_PASSWORD);
        admin.withCookie().contentType("application/json").body(AdminSessions.json(body))
                .post(AdminSessions.V1 + "/reports").then().statusCode(403);
        RestAssured.given().baseUri(base()).contentType("application/json").body(AdminSessions.json(body))
                .post(AdminSessions.V1 + "/reports").then().statusCode(401).body("code", equalTo(401));
        acme.request().contentType("application/json").body(AdminSessions.json(body))
                .post(AdminSessions.V1 + "/reports").then().statusCode(401);
    }

    // --- helpers ---

    private String completedReport() {
        Report report = requests.request(acmeId, ReportType.FINANCIAL, ReportFormat.CSV, monthStart, today, null);
        awaitCompleted(report.id());
        return report.id();
    }

    private JsonPath awaitCompleted(String id) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            JsonPath body = acme.get("/reports/" + id).then().statusCode(200).extract().jsonPath();
            String status = body.getString("data.status");
            if (!"generating".equals(status)) {
                assertEquals("completed", status, () -> "report " + id + ": " + body.prettify());
                assertFalse(body.getString("data.generated_at").isBlank());
                return body;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("report " + id + " still generating");
            }
            sleep(50);
        }
    }

    private Response download(String id) {
        String url = acme.get("/reports/download/" + id).then().statusCode(200).extract().path("data.download_url");
        return fetch(url);
    }

    static Response fetch(String url) {
        return RestAssured.given().urlEncodingEnabled(false).get(url);
    }

    static void forbidden(Response response) {
        response.then().statusCode(403).body("error", equalTo(true)).body("code", equalTo(403))
                .body("request_id", notNullValue())
                .header("Content-Disposition", org.hamcrest.Matchers.nullValue());
    }

    static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in " + uri);
    }

    private static String created(Response response) {
        return response.then().statusCode(201).extract().path("data.id");
    }

    private void sql(String statement, String value) throws SQLException {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setString(1, value);
            ps.executeUpdate();
        }
    }

    private List<String> column(String query, String value) throws SQLException {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, value);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(properties.get("datasources.default.url"), "root", "");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
