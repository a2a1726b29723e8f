package io.getbill.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.getbill.client.StubServer.Reply;
import io.getbill.client.model.DebtCreateRequest;
import io.getbill.client.model.DebtUpdateRequest;
import io.getbill.client.model.DebtUpdateStatus;
import io.getbill.client.model.TimelineStartMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request bodies carry what the caller set, not the defaults the generator put in the models. */
class RequestBodyTest {
    private static final String DEBT_PATH = "/external-api/v1/debts/abc123def456";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubServer server;
    private GetBillClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = StubServer.start();
        server.tokenEndpoint(3600, false);
        server.on("PUT", DEBT_PATH, Reply.json(200, Fixtures.DEBT_RESPONSE));
        server.on("POST", "/external-api/v1/debts", Reply.json(201, Fixtures.DEBT_RESPONSE));
        client = Fixtures.client(server).build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private JsonNode lastBody(String path) throws Exception {
        List<StubServer.Received> requests = server.requests(path);
        return JSON.readTree(requests.get(requests.size() - 1).body());
    }

    @Test
    void aPartialUpdateSendsOnlyTheFieldsSetAndNeverAnEmptyMetadataThatWouldEraseIt() throws Exception {
        client.debts().updateDebt("abc123def456", new DebtUpdateRequest().status(DebtUpdateStatus.PAID), null);

        assertEquals(JSON.readTree("{\"status\":\"paid\"}"), lastBody(DEBT_PATH));
    }

    @Test
    void anExplicitlyEmptyMetadataIsSentToClearIt() throws Exception {
        client.debts().updateDebt("abc123def456", new DebtUpdateRequest().metadata(new HashMap<>()), null);

        assertEquals(JSON.readTree("{\"metadata\":{}}"), lastBody(DEBT_PATH));
    }

    @Test
    void aCreateWithoutTimelineSendsNoTimelineStartModeAndATimelineKeepsIt() throws Exception {
        DebtCreateRequest debt = new DebtCreateRequest().firstname("John").lastname("Doe").email("john.doe@example.com")
                .amount(new BigDecimal("1250.00")).currency("EUR");
        client.debts().createDebt(debt, null);
        JsonNode plain = lastBody("/external-api/v1/debts");

        client.debts().createDebt(debt.timelineId("tl8f2k3m9xQw").timelineStartMode(TimelineStartMode.NEXT_DAY)
                .acceptExpensiveDestination(true), null);
        JsonNode withTimeline = lastBody("/external-api/v1/debts");

        assertEquals(List.of("amount", "currency", "email", "firstname", "lastname"), sortedNames(plain));
        assertEquals("next_day", withTimeline.get("timeline_start_mode").asText());
        assertTrue(withTimeline.get("accept_expensive_destination").asBoolean());
        assertTrue(server.requests("/external-api/v1/debts").get(0).body().contains("\"amount\":1250.00"),
                "the amount keeps its two decimals");
    }

    private static List<String> sortedNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    @Test
    void theUserAgentNamesTheClientVersion() throws Exception {
        client.debts().updateDebt("abc123def456", new DebtUpdateRequest().summary("x"), null);

        Map<String, String> headers = Map.of("User-Agent", server.requests(DEBT_PATH).get(0).header("User-Agent"));
        assertTrue(headers.get("User-Agent").startsWith("getbill-java-client/" + GetBillClient.VERSION + " "));
    }
}
