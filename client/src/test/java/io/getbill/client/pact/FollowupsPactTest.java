package io.getbill.client.pact;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.getbill.client.GetBillClient;
import io.getbill.client.model.Followup;
import io.getbill.client.model.FollowupCreateRequest;
import io.getbill.client.model.FollowupDirection;
import io.getbill.client.model.FollowupStatus;
import io.getbill.client.model.FollowupType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.OffsetDateTime;
import java.util.Map;

import static io.getbill.client.pact.ContractData.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Recording a followup on a debt. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class FollowupsPactTest {

    @Pact(consumer = CONSUMER)
    V4Pact createFollowup(PactDslWithProvider builder) {
        return builder.given(STATE_DEBT)
                .uponReceiving("a request to record a manual call on debt abc123def456")
                .path("/external-api/v1/followups")
                .method("POST")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers(Map.of("Content-Type", "application/json", "Accept", "application/json"))
                .body(LambdaDsl.newJsonBody(followup -> followup
                        .valueFromProviderState("debt_id", "${id}", DEBT_ID)
                        .stringValue("type", "manual_call")
                        .stringValue("status", "deal_found")
                        .stringValue("call_date", "2024-01-16T14:00:00Z")
                        .stringValue("summary", "Debtor agreed to pay in full by the end of the month.")
                        .stringValue("notes", "Called from the office line.")
                        .stringValue("phone_number_used", "+33612345678")
                        .numberValue("duration_ms", 185000)
                        .stringValue("direction", "outbound")).build())
                .willRespondWith()
                .status(201)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(LambdaDsl.newJsonBody(body -> body
                        .booleanValue("error", false)
                        .stringType("message", "Followup created successfully")
                        .object("data", followup -> followup
                                .stringType("id", "fup6Mn4Hs8Kd")
                                .valueFromProviderState("debt_id", "${id}", DEBT_ID)
                                .stringValue("status", "deal_found")
                                .stringValue("type", "manual_call")
                                .stringMatcher("call_date", "^2024-01-16T14:00:00(\\.0+)?Z$", "2024-01-16T14:00:00Z")
                                .stringValue("summary", "Debtor agreed to pay in full by the end of the month.")
                                .stringValue("notes", "Called from the office line.")
                                .numberValue("duration_ms", 185000)
                                .stringValue("direction", "outbound")
                                .stringValue("phone_number_used", "+33612345678")
                                .booleanValue("is_retry", false)
                                .booleanType("triggered_payment", false)
                                .booleanType("email_opened", false)
                                .integerType("email_open_count", 0)
                                .booleanType("email_clicked", false)
                                .integerType("email_click_count", 0)
                                .stringMatcher("created_at", TIMESTAMP, "2024-01-16T14:05:00Z")
                                .stringMatcher("updated_at", TIMESTAMP, "2024-01-16T14:05:00Z"))).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createFollowup")
    void aManualCallIsRecordedOnADebt(MockServer mockServer) throws Exception {
        GetBillClient client = ContractData.client(mockServer, true);

        Followup followup = client.followups().createFollowup(new FollowupCreateRequest()
                .debtId(DEBT_ID)
                .type(FollowupType.MANUAL_CALL)
                .status(FollowupStatus.DEAL_FOUND)
                .callDate(OffsetDateTime.parse("2024-01-16T14:00:00Z"))
                .summary("Debtor agreed to pay in full by the end of the month.")
                .notes("Called from the office line.")
                .phoneNumberUsed("+33612345678")
                .durationMs(185000)
                .direction(FollowupDirection.OUTBOUND), null).getData();

        assertEquals(DEBT_ID, followup.getDebtId());
        assertEquals(FollowupStatus.DEAL_FOUND, followup.getStatus());
    }
}
