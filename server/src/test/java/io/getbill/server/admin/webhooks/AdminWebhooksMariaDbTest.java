package io.getbill.server.admin.webhooks;

import io.getbill.server.resources.webhooks.WebhookEndpoint;
import io.getbill.server.resources.webhooks.WebhookEndpointRepository;
import io.getbill.server.resources.webhooks.WebhookTestData;

import io.getbill.server.infrastructure.crypto.SecretBox;
import io.getbill.server.testsupport.AdminSessions;
import io.getbill.server.testsupport.ResourceTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.WebhookReceiver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.getbill.server.testsupport.ApiCalls.debt;
import static io.getbill.server.testsupport.ApiCalls.map;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /admin-api/v1/webhooks/endpoints} over HTTP on a real MariaDB, with the production address policy
 * (private addresses refused): registration shows the secret once and stores it sealed, URLs that resolve inward
 * are refused at registration and again at delivery time, every operation is scoped to the admin's company, and
 * only admins with a session and the CSRF token get in.
 */
@MicronautTest(transactional = false)
class AdminWebhooksMariaDbTest extends ResourceTest {

    private static final String ENDPOINTS = "/webhooks/endpoints";
    /** TEST-NET-3 (RFC 5737): public as far as the policy is concerned, and no DNS needed. */
    private static final String PUBLIC_URL = "https://203.0.113.10/hooks/getbill";

    @Inject
    WebhookTestData data;
    @Inject
    WebhookEndpointRepository repository;
    @Inject
    SecretBox box;

    private AdminSessions.Session admin;
    private AdminSessions.Session betaAdmin;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(super.getProperties());
        p.put("getbill.webhooks.worker.poll-interval", "50ms");
        p.put("getbill.webhooks.retry.initial-delay", "10s");
        return p;
    }

    @BeforeAll
    void sessions() {
        admin = AdminSessions.login(base(), AdminSessions.ACME_ADMIN, AdminSessions.ACME_ADMIN_PASSWORD);
        betaAdmin = AdminSessions.login(base(), AdminSessions.BETA_ADMIN, AdminSessions.BETA_ADMIN_PASSWORD);
    }

    private String register(String url, String... types) {
        return admin.post(ENDPOINTS, map("url", url, "event_types", List.of(types))).then().statusCode(201)
                .extract().path("data.id");
    }

    @Test
    void registerWhenAdminThenSecretShownOnceAndSealedAtRest() {
        var created = admin.post(ENDPOINTS, map("url", PUBLIC_URL, "event_types", List.of("debt.created", "debt.deleted"),
                        "description", "ERP"))
                .then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("error", equalTo(false))
                .body("data.url", equalTo(PUBLIC_URL))
                .body("data.event_types", equalTo(List.of("debt.created", "debt.deleted")))
                .body("data.enabled", equalTo(true))
                .body("data.description", equalTo("ERP"))
                .body("data.secret", matchesPattern("^whsec_[A-Za-z0-9_-]{43}$"))
                .extract();
        String id = created.path("data.id");
        String secret = created.path("data.secret");

        admin.get(ENDPOINTS + "/" + id).then().statusCode(200)
                .body("data.id", equalTo(id))
                .body("data", not(hasKey("secret")));
        admin.get(ENDPOINTS).then().statusCode(200)
                .body("data.id", hasItem(id))
                .body("data.find { it.id == '" + id + "' }", not(hasKey("secret")));

        String sealed = repository.findById(id).orElseThrow().secretSealed();
        assertFalse(sealed.contains(secret.substring(6)), "the secret is not stored in clear");
        assertTrue(sealed.startsWith("v1."));
        assertEquals(secret, box.open(sealed, "webhook-endpoint-secret:" + id));
    }

    @Test
    void registerWhenUrlResolvesToPrivateAddressThen400OnUrl() {
        for (String url : List.of("http://127.0.0.1/hooks", "http://localhost:8080/hooks", "http://10.1.2.3/",
                "http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://100.64.0.1/", "http://0.0.0.0/",
                "http://224.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://2130706433/")) {
            admin.post(ENDPOINTS, map("url", url, "event_types", List.of("debt.created")))
                    .then().log().ifValidationFails().statusCode(400)
                    .body("error", equalTo(true))
                    .body("details.url", hasSize(1));
        }
    }

    @Test
    void registerWhenBodyInvalidThen400NamingTheField() {
        admin.post(ENDPOINTS, map("url", "ftp://203.0.113.10/x", "event_types", List.of("debt.created")))
                .then().statusCode(400).body("details.url", hasSize(1));
        admin.post(ENDPOINTS, map("url", "https://user:pw@203.0.113.10/x", "event_types", List.of("debt.created")))
                .then().statusCode(400).body("details.url", hasSize(1));
        admin.post(ENDPOINTS, map("url", "not a url", "event_types", List.of("debt.created")))
                .then().statusCode(400).body("details.url", notNullValue());
        admin.post(ENDPOINTS, map("url", PUBLIC_URL, "event_types", List.of()))
                .then().statusCode(400).body("details", notNullValue());
        admin.post(ENDPOINTS, map("url", PUBLIC_URL, "event_types", List.of("debt.nope")))
                .then().statusCode(400).body("error", equalTo(true));
        admin.post(ENDPOINTS, map("event_types", List.of("debt.created")))
                .then().statusCode(400).body("error", equalTo(true));
        admin.post(ENDPOINTS, map("url", PUBLIC_URL, "event_types", List.of("debt.created"), "secret", "mine"))
                .then().statusCode(400).body("error", equalTo(true));
    }

    @Test
    void updateWhenFieldsGivenThenOnlyThoseChange() {
        String id = register(PUBLIC_URL, "debt.created");
        admin.put(ENDPOINTS + "/" + id, map("event_types", List.of("debt.updated", "debt.created"), "enabled", false))
                .then().statusCode(200)
                .body("data.event_types", equalTo(List.of("debt.created", "debt.updated")))
                .body("data.enabled", equalTo(false))
                .body("data.url", equalTo(PUBLIC_URL));
        admin.put(ENDPOINTS + "/" + id, map("url", "http://192.168.0.10/in")).then().statusCode(400)
                .body("details.url", hasSize(1));
        admin.put(ENDPOINTS + "/" + id, map()).then().statusCode(400).body("details.body", hasSize(1));
        admin.get(ENDPOINTS + "/" + id).then().statusCode(200).body("data.url", equalTo(PUBLIC_URL));
    }

    @Test
    void rotateWhenCalledThenANewSecretIsShownOnce() {
        var first = admin.post(ENDPOINTS, map("url", PUBLIC_URL, "event_types", List.of("debt.created")))
                .then().statusCode(201).extract();
        String id = first.path("data.id");
        String rotated = admin.post(ENDPOINTS + "/" + id + "/rotate-secret").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("data.id", equalTo(id))
                .extract().path("data.secret");
        assertNotEquals(first.path("data.secret"), rotated);
        assertEquals(rotated, box.open(repository.findById(id).orElseThrow().secretSealed(), "webhook-endpoint-secret:" + id));
    }

    @Test
    void deleteWhenCalledThenGoneAnd404() {
        String id = register(PUBLIC_URL, "debt.created");
        admin.delete(ENDPOINTS + "/" + id).then().statusCode(200).body("error", equalTo(false));
        admin.get(ENDPOINTS + "/" + id).then().statusCode(404).body("error", equalTo(true));
        admin.delete(ENDPOINTS + "/" + id).then().statusCode(404);
    }

    @Test
    void endpointWhenOfAnotherCompanyThen404Everywhere() {
        String id = register(PUBLIC_URL, "debt.created");
        betaAdmin.get(ENDPOINTS + "/" + id).then().statusCode(404);
        betaAdmin.put(ENDPOINTS + "/" + id, map("enabled", false)).then().statusCode(404);
        betaAdmin.post(ENDPOINTS + "/" + id + "/rotate-secret").then().statusCode(404);
        betaAdmin.delete(ENDPOINTS + "/" + id).then().statusCode(404);
        betaAdmin.get(ENDPOINTS).then().statusCode(200).body("data.id", not(hasItem(id)));
        admin.get(ENDPOINTS + "/" + id).then().statusCode(200).body("data.enabled", equalTo(true));
    }

    @Test
    void endpointsWhenNotAnAdminSessionThenRefused() {
        var member = AdminSessions.login(base(), AdminSessions.ACME_MEMBER, AdminSessions.ACME_MEMBER_PASSWORD);
        member.get(ENDPOINTS).then().statusCode(403);
        member.post(ENDPOINTS, map("url", PUBLIC_URL, "event_types", List.of("debt.created"))).then().statusCode(403);
        io.getbill.server.testsupport.Tokens.at(base()).get(AdminSessions.V1 + ENDPOINTS).then().statusCode(401);
        admin.withCookie().contentType("application/json")
                .body(AdminSessions.json(map("url", PUBLIC_URL, "event_types", List.of("debt.created"))))
                .post(AdminSessions.V1 + ENDPOINTS).then().statusCode(403);
        acme.request().get(AdminSessions.V1 + ENDPOINTS).then().statusCode(401);
    }

    @Test
    void deliveryWhenAddressBecomesPrivateAfterRegistrationThenRefusedAndLoggedAsFailure() {
        try (WebhookReceiver inside = WebhookReceiver.start()) {
            // As if DNS now answered 127.0.0.1 for a name that was public at registration (rebinding).
            String id = register(PUBLIC_URL, "debt.created");
            var row = repository.findById(id).orElseThrow();
            repository.update(new WebhookEndpoint(row.id(), row.companyId(), inside.url(), row.description(),
                    row.eventTypes(), true, row.secretSealed(), row.createdAt(), Instant.now()));
            String debtId = acme.post("/debts", debt()).then().statusCode(201).extract().path("data.id");
            String eventId = data.eventIdOf("debt.created", debtId);
            acme.get("/webhooks/logs?endpoint_id=" + id).then().statusCode(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (data.count("SELECT COUNT(*) FROM webhook_attempts WHERE endpoint_id = ?", id) == 0
                    && System.nanoTime() < deadline) {
                sleep();
            }
            acme.get("/webhooks/logs?endpoint_id=" + id).then().statusCode(200)
                    .body("data", hasSize(1))
                    .body("data[0].event_id", equalTo(eventId))
                    .body("data[0].outcome", equalTo("failure"))
                    .body("data[0].error", startsWith("Refused: Host resolves to a loopback address"));
            assertEquals(0, inside.received().size());
            assertEquals("pending", data.deliveryStatus(eventId, id), "retried later, in case the name resolves outward again");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void adminCallerIsTheSignedInUsersCompany() {
        assertEquals(data.companyId(TestClients.ACME), admin.companyId());
    }
}
