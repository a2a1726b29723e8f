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
import io.getbill.client.model.Civility;
import io.getbill.client.model.Debt;
import io.getbill.client.model.DebtCreateRequest;
import io.getbill.client.model.DebtResponse;
import io.getbill.client.model.DebtStatus;
import io.getbill.client.model.DebtUpdateRequest;
import io.getbill.client.model.DebtUpdateStatus;
import io.getbill.client.model.DeleteResponse;
import io.getbill.client.paging.Paging;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.getbill.client.pact.ContractData.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** List, create, get, update and delete debts, as the client sends them. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class DebtsPactTest {
    private static final String DEBTS = "/external-api/v1/debts";

    @Pact(consumer = CONSUMER)
    V4Pact listPendingDebts(PactDslWithProvider builder) {
        return builder.given(STATE_PENDING_DEBTS)
                .uponReceiving("a request for the first page of pending debts")
                .path(DEBTS)
                .method("GET")
                .query("page=1&limit=20&status=pending")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers("Accept", "application/json")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(LambdaDsl.newJsonBody(body -> body
                        .booleanValue("error", false)
                        .stringType("message", "Success")
                        .minArrayLike("data", 1, debt -> {
                            debt.stringType("id", "xyz789ghi012").stringValue("status", "pending");
                            debtCore(debt);
                        })
                        .object("pagination", pagination -> pagination
                                .integerType("total", 1)
                                .numberValue("page", 1)
                                .numberValue("limit", 20)
                                .integerType("pages", 1))).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "listPendingDebts")
    void pendingDebtsAreListedPageByPageThroughThePagingHelper(MockServer mockServer) {
        GetBillClient client = ContractData.client(mockServer, true);

        List<Debt> debts = Paging.debts(page -> client.debts().listDebts(page, 20, DebtStatus.PENDING,
                null, null, null, null, null, null, null)).toList();

        assertFalse(debts.isEmpty());
        debts.forEach(debt -> assertEquals(DebtStatus.PENDING, debt.getStatus()));
    }

    static DebtCreateRequest newDebt() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("crm_id", "CRM-123");
        metadata.put("source", "website");
        return new DebtCreateRequest()
                .civility(Civility.MR)
                .firstname("John")
                .lastname("Doe")
                .phone("0612345678")
                .email("john.doe@example.com")
                .amount(new BigDecimal("1250.00"))
                .currency("EUR")
                ._object("Outstanding invoice #INV-2024-001")
                .internalId("CRM-2024-001")
                .invoiceReference("INV-2024-001")
                .invoiceDate(LocalDate.parse("2024-01-01"))
                .dueDate(LocalDate.parse("2024-01-31"))
                .streetNumber("12")
                .streetAddress("Rue de Rivoli")
                .postalCode("75001")
                .city("Paris")
                .country("FR")
                .metadata(metadata);
    }

    @Pact(consumer = CONSUMER)
    V4Pact createDebt(PactDslWithProvider builder) {
        return builder.given(STATE_COMPANY)
                .uponReceiving("a request to create a debt for John Doe")
                .path(DEBTS)
                .method("POST")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers(Map.of("Content-Type", "application/json", "Accept", "application/json"))
                .body(LambdaDsl.newJsonBody(debt -> debt
                        .stringValue("civility", "Mr")
                        .stringValue("firstname", "John")
                        .stringValue("lastname", "Doe")
                        .stringValue("phone", "0612345678")
                        .stringValue("email", "john.doe@example.com")
                        .numberValue("amount", new BigDecimal("1250.00"))
                        .stringValue("currency", "EUR")
                        .stringValue("object", "Outstanding invoice #INV-2024-001")
                        .stringValue("internal_id", "CRM-2024-001")
                        .stringValue("invoice_reference", "INV-2024-001")
                        .stringValue("invoice_date", "2024-01-01")
                        .stringValue("due_date", "2024-01-31")
                        .stringValue("street_number", "12")
                        .stringValue("street_address", "Rue de Rivoli")
                        .stringValue("postal_code", "75001")
                        .stringValue("city", "Paris")
                        .stringValue("country", "FR")
                        .object("metadata", metadata -> metadata
                                .stringValue("crm_id", "CRM-123")
                                .stringValue("source", "website"))).build())
                .willRespondWith()
                .status(201)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(LambdaDsl.newJsonBody(body -> body
                        .booleanValue("error", false)
                        .stringType("message", "Debt created successfully")
                        .object("data", debt -> debt
                                .stringType("id", DEBT_ID)
                                .stringValue("civility", "Mr")
                                .stringValue("firstname", "John")
                                .stringValue("lastname", "Doe")
                                .stringValue("phone", "+33612345678")
                                .stringValue("email", "john.doe@example.com")
                                .numberType("amount", 1250.00)
                                .stringValue("amount_text", "1250.00")
                                .stringValue("currency", "EUR")
                                .stringValue("object", "Outstanding invoice #INV-2024-001")
                                .stringValue("internal_id", "CRM-2024-001")
                                .stringValue("invoice_reference", "INV-2024-001")
                                .stringValue("invoice_date", "2024-01-01")
                                .stringValue("due_date", "2024-01-31")
                                .stringValue("street_number", "12")
                                .stringValue("street_address", "Rue de Rivoli")
                                .stringValue("postal_code", "75001")
                                .stringValue("city", "Paris")
                                .stringValue("country", "FR")
                                .stringValue("status", "pending")
                                .numberValue("nb_reminders", 0)
                                .numberValue("nb_answered", 0)
                                .numberValue("followups_count", 0)
                                .object("metadata", metadata -> metadata
                                        .stringValue("crm_id", "CRM-123")
                                        .stringValue("source", "website"))
                                .stringType("debtor_id", "dbt7Hn2xWc5P")
                                .stringMatcher("import_date", TIMESTAMP, "2024-01-15T10:30:00Z")
                                .booleanValue("payment_plan_active", false)
                                .stringMatcher("created_at", TIMESTAMP, "2024-01-15T10:30:00Z")
                                .stringMatcher("updated_at", TIMESTAMP, "2024-01-15T10:30:00Z"))).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "createDebt")
    void aDebtIsCreatedInStatusPendingWithItsPhoneInE164(MockServer mockServer) throws Exception {
        GetBillClient client = ContractData.client(mockServer, true);

        DebtResponse created = client.debts().createDebt(newDebt(), null);

        assertEquals(DebtStatus.PENDING, created.getData().getStatus());
        assertEquals("+33612345678", created.getData().getPhone());
        assertEquals("CRM-123", created.getData().getMetadata().get("crm_id"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact getDebt(PactDslWithProvider builder) {
        return builder.given(STATE_DEBT)
                .uponReceiving("a request for debt abc123def456")
                .pathFromProviderState(DEBTS + "/${id}", DEBTS + "/" + DEBT_ID)
                .method("GET")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers("Accept", "application/json")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(LambdaDsl.newJsonBody(body -> body
                        .booleanValue("error", false)
                        .stringType("message", "Success")
                        .object("data", debt -> {
                            debt.valueFromProviderState("id", "${id}", DEBT_ID).stringMatcher("status", DEBT_STATUS, "pending");
                            debtCore(debt);
                        })).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "getDebt")
    void aDebtIsReadById(MockServer mockServer) throws Exception {
        GetBillClient client = ContractData.client(mockServer, true);

        Debt debt = client.debts().getDebt(DEBT_ID).getData();

        assertEquals(DEBT_ID, debt.getId());
        assertTrue(debt.getAmount().signum() > 0);
    }

    @Pact(consumer = CONSUMER)
    V4Pact putDebtOnHold(PactDslWithProvider builder) {
        return builder.given(STATE_DEBT)
                .uponReceiving("a request to put debt abc123def456 on hold")
                .pathFromProviderState(DEBTS + "/${id}", DEBTS + "/" + DEBT_ID)
                .method("PUT")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers(Map.of("Content-Type", "application/json", "Accept", "application/json"))
                .body(LambdaDsl.newJsonBody(update -> update
                        .stringValue("status", "on_hold")
                        .stringValue("summary", "Customer disputed the charge")
                        .stringValue("due_date", "2024-03-31")).build())
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(LambdaDsl.newJsonBody(body -> body
                        .booleanValue("error", false)
                        .stringType("message", "Debt updated successfully")
                        .object("data", debt -> {
                            debt.valueFromProviderState("id", "${id}", DEBT_ID)
                                    .stringValue("status", "on_hold")
                                    .stringValue("summary", "Customer disputed the charge")
                                    .stringValue("due_date", "2024-03-31");
                            debtCore(debt);
                        })).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "putDebtOnHold")
    void aDebtIsUpdatedPartially(MockServer mockServer) throws Exception {
        GetBillClient client = ContractData.client(mockServer, true);

        Debt debt = client.debts().updateDebt(DEBT_ID, new DebtUpdateRequest()
                .status(DebtUpdateStatus.ON_HOLD)
                .summary("Customer disputed the charge")
                .dueDate(LocalDate.parse("2024-03-31")), null).getData();

        assertEquals(DebtStatus.ON_HOLD, debt.getStatus());
        assertEquals(LocalDate.parse("2024-03-31"), debt.getDueDate());
    }

    @Pact(consumer = CONSUMER)
    V4Pact deleteDebt(PactDslWithProvider builder) {
        return builder.given(STATE_DEBT)
                .uponReceiving("a request to delete debt abc123def456")
                .pathFromProviderState(DEBTS + "/${id}", DEBTS + "/" + DEBT_ID)
                .method("DELETE")
                .matchHeader("Authorization", BEARER_REGEX, "Bearer " + ACCESS_TOKEN)
                .headers("Accept", "application/json")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json.*", "application/json")
                .body(LambdaDsl.newJsonBody(body -> body
                        .booleanValue("error", false)
                        .stringType("message", "Debt deleted successfully")).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "deleteDebt")
    void aDebtIsDeleted(MockServer mockServer) throws Exception {
        GetBillClient client = ContractData.client(mockServer, true);

        DeleteResponse deleted = client.debts().deleteDebt(DEBT_ID);

        assertFalse(deleted.getError());
    }
}
