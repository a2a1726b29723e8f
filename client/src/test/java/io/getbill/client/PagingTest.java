package io.getbill.client;

import io.getbill.client.StubServer.Reply;
import io.getbill.client.errors.NotFoundException;
import io.getbill.client.errors.UncheckedApiException;
import io.getbill.client.model.Debt;
import io.getbill.client.model.DebtStatus;
import io.getbill.client.paging.Paging;
import io.getbill.client.retry.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagingTest {
    private static final String DEBTS_PATH = "/external-api/v1/debts";

    private StubServer server;
    private GetBillClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = StubServer.start();
        server.tokenEndpoint(3600, false);
        client = Fixtures.client(server).retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void everyDebtOfEveryPageIsReturnedInOrderAndTheFilterIsSentOnEveryPage() {
        server.on("GET", DEBTS_PATH, (request, n) -> Reply.json(200, switch (n) {
            case 1 -> Fixtures.debtPage(1, 3, "d1", "d2");
            case 2 -> Fixtures.debtPage(2, 3, "d3", "d4");
            default -> Fixtures.debtPage(3, 3, "d5");
        }));

        List<String> ids = Paging.debts(page -> client.debts().listDebts(page, 2, DebtStatus.PENDING, "EUR",
                null, null, null, null, null, null)).map(Debt::getId).toList();

        assertEquals(List.of("d1", "d2", "d3", "d4", "d5"), ids);
        assertEquals(List.of("page=1&limit=2&status=pending&currency=EUR", "page=2&limit=2&status=pending&currency=EUR",
                "page=3&limit=2&status=pending&currency=EUR"),
                server.requests(DEBTS_PATH).stream().map(StubServer.Received::query).toList());
    }

    @Test
    void pagesAreFetchedOnlyWhenTheStreamReachesThem() {
        server.on("GET", DEBTS_PATH, (request, n) -> Reply.json(200, Fixtures.debtPage(n, 50, "d" + (2 * n - 1), "d" + 2 * n)));

        List<String> firstThree = Paging.debts(page -> client.debts().listDebts(page, 2, null, null, null, null, null,
                null, null, null)).limit(3).map(Debt::getId).toList();

        assertEquals(List.of("d1", "d2", "d3"), firstThree);
        assertEquals(2, server.count(DEBTS_PATH));
    }

    @Test
    void anEmptyResultMakesOneCallAndNoItem() {
        server.on("GET", DEBTS_PATH, Reply.json(200, "{\"error\":false,\"message\":\"Success\",\"data\":[],"
                + "\"pagination\":{\"total\":0,\"page\":1,\"limit\":20,\"pages\":0}}"));

        Iterator<Debt> debts = Paging.debts(page -> client.debts().listDebts(page, null, null, null, null, null, null,
                null, null, null)).iterator();

        assertFalse(debts.hasNext());
        assertEquals(1, server.count(DEBTS_PATH));
    }

    @Test
    void anErrorOnALaterPageIsThrownAsUncheckedApiExceptionWithTheTypedCause() {
        server.on("GET", DEBTS_PATH, (request, n) -> n == 1
                ? Reply.json(200, Fixtures.debtPage(1, 2, "d1", "d2"))
                : Reply.json(404, Fixtures.error(404, "Creditor not found")));
        Iterator<Debt> debts = Paging.debts(page -> client.debts().listDebts(page, 2, null, null, null, null, null,
                null, null, null)).iterator();
        debts.next();
        debts.next();

        UncheckedApiException e = assertThrows(UncheckedApiException.class, debts::hasNext);

        assertInstanceOf(NotFoundException.class, e.getCause());
    }
}
