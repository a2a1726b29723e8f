package io.getbill.client;

import io.getbill.client.StubServer.Reply;
import io.getbill.client.errors.AuthorizationException;
import io.getbill.client.errors.GetBillApiException;
import io.getbill.client.errors.RateLimitedException;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.errors.ValidationException;
import io.getbill.client.invoker.ApiException;
import io.getbill.client.model.DebtCreateRequest;
import io.getbill.client.model.DebtResponse;
import io.getbill.client.model.DebtStatus;
import io.getbill.client.paging.Paging;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example of docs/client.md, compiled and run against a stub server. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleCreatesADebtAndListsPendingDebts() throws Exception {
        try (StubServer server = StubServer.start()) {
            server.tokenEndpoint(3600, false)
                    .on("POST", "/external-api/v1/debts", Reply.json(201, Fixtures.DEBT_RESPONSE))
                    .on("GET", "/external-api/v1/debts", (request, n) -> Reply.json(200, Fixtures.debtPage(n, 2, "d" + n)));
            List<String> printed = new ArrayList<>();

            GetBillClient getbill = GetBillClient.builder()
                    .baseUrl(server.baseUrl().toString())
                    .clientId("acme-backend")
                    .clientSecret(Fixtures.CLIENT_SECRET)
                    .scopes("debts:read", "debts:write")
                    .build();

            DebtResponse created = getbill.debts().createDebt(new DebtCreateRequest()
                    .firstname("John").lastname("Doe").phone("0612345678")
                    .amount(new BigDecimal("1250.00")).currency("EUR"), getbill.idempotencyKey());
            Paging.debts(page -> getbill.debts().listDebts(page, 100, DebtStatus.PENDING, null, null, null, null, null, null, null))
                    .forEach(debt -> printed.add(debt.getId() + " " + debt.getAmountText()));

            assertEquals("abc123def456", created.getData().getId());
            assertEquals(List.of("d1 1250.00", "d2 1250.00"), printed);

            try {
                getbill.debts().createDebt(new DebtCreateRequest(), null);
            } catch (ValidationException e) {
                e.fieldErrors();
            } catch (RateLimitedException e) {
                e.retryAfter();
            } catch (AuthorizationException e) {
                e.requiredScope();
            } catch (TokenRequestException e) {
                e.error();
            } catch (GetBillApiException e) {
                e.requestId();
            } catch (ApiException e) {
                e.getCause();
            }
        }
    }
}
