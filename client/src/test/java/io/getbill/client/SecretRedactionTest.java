package io.getbill.client;

import io.getbill.client.StubServer.Reply;
import io.getbill.client.errors.TokenRequestException;
import io.getbill.client.token.ClientAuthenticationMethod;
import io.getbill.client.token.ClientCredentials;
import io.getbill.client.token.IssuedTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretRedactionTest {
    private static final String ACCESS_TOKEN = "eyJhbGciOiJFUzI1NiJ9.secret-access-token.sig";
    private static final String REFRESH_TOKEN = "rt_secret-refresh-token-Jq2m7T0W3n8sVb5xK1cZ9";

    private StubServer server;
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Logger clientLogger = Logger.getLogger("io.getbill.client");
    private Level previousLevel;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        server = StubServer.start();
        previousLevel = clientLogger.getLevel();
        clientLogger.setLevel(Level.ALL);
        clientLogger.addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        clientLogger.removeHandler(capture);
        clientLogger.setLevel(previousLevel);
        server.close();
    }

    private static void assertNoSecret(String text) {
        for (String secret : List.of(Fixtures.CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN)) {
            assertFalse(text.contains(secret), "secret leaked in: " + text);
        }
    }

    @Test
    void toStringsShowNoSecretOrToken() throws Exception {
        GetBillClient client = Fixtures.client(server).build();
        IssuedTokens tokens = new IssuedTokens(ACCESS_TOKEN, REFRESH_TOKEN, "debts:read", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600));
        ClientCredentials credentials = new ClientCredentials("acme-backend", Fixtures.CLIENT_SECRET,
                ClientAuthenticationMethod.CLIENT_SECRET_POST);

        for (Object value : List.of(client, client.tokens(), tokens, credentials)) {
            assertNoSecret(value.toString());
        }
        assertTrue(client.toString().contains("acme-backend"), "the client id is not secret");
    }

    @Test
    void aTokenErrorThatEchoesTheSecretOrRefreshTokenIsRedactedFromMessageAndBody() throws Exception {
        server.on("POST", "/token", Reply.json(400, "{\"error\":\"invalid_request\",\"error_description\":\"bad secret "
                + Fixtures.CLIENT_SECRET + "\"}"));
        GetBillClient client = Fixtures.client(server).clientAuthentication(ClientAuthenticationMethod.CLIENT_SECRET_POST).build();

        TokenRequestException e = assertThrows(TokenRequestException.class, () -> client.company().getCompanyProfile());

        assertNoSecret(e.getMessage());
        assertNoSecret(e.getResponseBody());
        assertNoSecret(e.errorDescription().orElseThrow());
        assertNoSecret(e.toString());
    }

    @Test
    void logRecordsOfAFullTokenLifecycleContainNoSecretOrToken() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2024-01-15T10:00:00Z"));
        server.on("POST", "/token", (request, n) -> n == 2
                ? Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token already used\"}")
                : Reply.json(200, StubServer.tokenJson(ACCESS_TOKEN + n, 3600, REFRESH_TOKEN + n)));
        server.on("GET", "/external-api/v1/company/profile", (request, n) -> n == 2
                ? Reply.json(401, Fixtures.error(401, "invalid")).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                : Reply.json(200, Fixtures.PROFILE));
        GetBillClient client = Fixtures.client(server).clock(clock).build();

        client.company().getCompanyProfile();
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        client.company().getCompanyProfile();

        assertTrue(records.size() >= 4, "expected debug records, got " + records.size());
        synchronized (records) {
            for (LogRecord record : records) {
                String text = new java.util.logging.SimpleFormatter().formatMessage(record);
                assertNoSecret(text);
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        assertNoSecret(String.valueOf(parameter));
                    }
                }
            }
        }
    }
}
