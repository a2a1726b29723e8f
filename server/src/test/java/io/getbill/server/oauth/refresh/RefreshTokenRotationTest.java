package io.getbill.server.oauth.refresh;

import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.oauth.clients.ClientRegistry;
import io.getbill.server.oauth.clients.OAuthClient;
import io.getbill.server.oauth.clients.OAuthClientRepository;
import io.getbill.server.testsupport.AuditCapture;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.TestClients;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.getbill.server.testsupport.OAuth.form;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The refresh token grant with rotation and reuse detection (RFC 6749 §6, RFC 9700 §4.14.2) over HTTP, on MariaDB
 * and on H2 (the embedded default).
 */
abstract class RefreshTokenRotationTest extends ServerTest {

    @Inject
    RefreshTokenStore store;

    @Inject
    RefreshTokenRepository repository;

    @Inject
    OAuthClientRepository clients;

    @Inject
    ClientRegistry registry;

    private Response partnerTokens() {
        return OAuth.clientCredentials(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET);
    }

    private Response refresh(String refreshToken) {
        return OAuth.refresh(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, refreshToken);
    }

    private static String fid(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("fid");
    }

    private static void assertInvalidGrant(Response response) {
        response.then().statusCode(400).body("error", equalTo("invalid_grant"))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    @Test
    void refreshWithValidRefreshTokenRotatesItAndKeepsTheFamily() throws Exception {
        Response first = partnerTokens();
        String rt1 = first.path("refresh_token");
        Response second = refresh(rt1);
        second.then().statusCode(200)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", equalTo("debts:read debts:write company:read"))
                .body("refresh_token", not(equalTo(rt1)));
        assertEquals(fid(first.path("access_token")), fid(second.path("access_token")));
        OAuth.profile(base(), second.path("access_token")).then().statusCode(200);
        // the rotated token works once more
        refresh(second.path("refresh_token")).then().statusCode(200);
    }

    @Test
    void refreshWithUsedRefreshTokenIsInvalidGrantAndRevokesFamily() throws Exception {
        Response first = partnerTokens();
        String rt1 = first.path("refresh_token");
        Response second = refresh(rt1);
        second.then().statusCode(200);
        String rt2 = second.path("refresh_token");
        OAuth.profile(base(), first.path("access_token")).then().statusCode(200);
        OAuth.profile(base(), second.path("access_token")).then().statusCode(200);

        try (AuditCapture audit = AuditCapture.attach()) {
            assertInvalidGrant(refresh(rt1));
            assertNotNull(audit.await(l -> l.contains("event=refresh_reuse_detected"), Duration.ofSeconds(5)));
        }
        assertInvalidGrant(refresh(rt2));
        OAuth.profile(base(), first.path("access_token")).then().statusCode(401);
        OAuth.profile(base(), second.path("access_token")).then().statusCode(401);
        assertTrue(store.find(rt2).orElseThrow().revoked(), "every refresh token of the family is flagged revoked");
    }

    @Test
    void replayDoesNotTouchOtherFamiliesOfTheSameClient() {
        Response a = partnerTokens();
        Response b = partnerTokens();
        refresh(a.path("refresh_token")).then().statusCode(200);
        assertInvalidGrant(refresh(a.path("refresh_token")));
        OAuth.profile(base(), b.path("access_token")).then().statusCode(200);
        refresh(b.path("refresh_token")).then().statusCode(200);
    }

    @Test
    void refreshTokenOfAnotherClientIsInvalidGrantAndStaysValid() {
        String beta = OAuth.clientCredentials(base(), TestClients.BETA_REFRESH_ID, TestClients.BETA_REFRESH_SECRET)
                .path("refresh_token");
        assertInvalidGrant(refresh(beta));
        OAuth.refresh(base(), TestClients.BETA_REFRESH_ID, TestClients.BETA_REFRESH_SECRET, beta).then().statusCode(200);
    }

    @Test
    void refreshWithNarrowerScopeGrantsItAndKeepsTheOriginalScopeForTheNextRefresh() throws Exception {
        String rt1 = partnerTokens().path("refresh_token");
        Response narrow = OAuth.postBasic(base(), "/token", TestClients.PARTNER_ID, TestClients.PARTNER_SECRET,
                form("grant_type", "refresh_token", "refresh_token", rt1, "scope", "debts:read"));
        narrow.then().statusCode(200).body("scope", equalTo("debts:read"));
        assertEquals("debts:read", SignedJWT.parse(narrow.path("access_token")).getJWTClaimsSet().getStringClaim("scope"));
        refresh(narrow.path("refresh_token")).then().statusCode(200)
                .body("scope", equalTo("debts:read debts:write company:read"));
    }

    @Test
    void refreshWithWiderScopeIsInvalidScopeAndTheTokenStaysUsable() {
        Response first = OAuth.postBasic(base(), "/token", TestClients.PARTNER_ID, TestClients.PARTNER_SECRET,
                form("grant_type", "client_credentials", "scope", "debts:read"));
        String rt1 = first.path("refresh_token");
        OAuth.postBasic(base(), "/token", TestClients.PARTNER_ID, TestClients.PARTNER_SECRET,
                        form("grant_type", "refresh_token", "refresh_token", rt1, "scope", "debts:read company:read"))
                .then().statusCode(400).body("error", equalTo("invalid_scope"));
        refresh(rt1).then().statusCode(200).body("scope", equalTo("debts:read"));
    }

    @Test
    void refreshByClientWithoutRefreshGrantIsUnauthorizedClient() {
        String rt = partnerTokens().path("refresh_token");
        OAuth.refresh(base(), TestClients.READER_ID, TestClients.READER_SECRET, rt).then()
                .statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void refreshWithUnknownOrMalformedTokenIsInvalidGrant() {
        assertInvalidGrant(refresh("rt_" + "A".repeat(43)));
        assertInvalidGrant(refresh("not-a-refresh-token"));
    }

    @Test
    void refreshWithTokenLongerThanTheContractAllowsIsInvalidRequest() {
        refresh("rt_" + "x".repeat(5000)).then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void refreshWithoutRefreshTokenParameterIsInvalidRequest() {
        OAuth.postBasic(base(), "/token", TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, form("grant_type", "refresh_token"))
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void refreshWithExpiredRefreshTokenIsInvalidGrant() {
        String rt = partnerTokens().path("refresh_token");
        RefreshToken row = store.find(rt).orElseThrow();
        repository.update(new RefreshToken(row.tokenHash(), row.familyId(), row.clientId(), row.companyId(), row.scope(),
                row.issuedAt(), Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MICROS), false, false, null, row.userId()));
        assertInvalidGrant(refresh(rt));
    }

    @Test
    void refreshTokenIsStoredOnlyAsKeyedHashWithThirtyDayLifetime() {
        String rt = partnerTokens().path("refresh_token");
        assertTrue(rt.matches("rt_[A-Za-z0-9_-]{43}"), "256 random bits, base64url");
        assertFalse(repository.existsById(rt), "the token itself is never a key");
        RefreshToken row = store.find(rt).orElseThrow();
        assertNotEquals(rt, row.tokenHash());
        assertTrue(row.tokenHash().matches("[0-9a-f]{64}"));
        assertFalse(row.toString().contains(row.tokenHash()), "toString does not print the hash");
        long days = Duration.between(row.issuedAt(), row.expiresAt()).toDays();
        assertEquals(30, days);
        assertEquals(TestClients.PARTNER_ID, row.clientId());
    }

    @Test
    void twoSimultaneousRefreshesWithTheSameTokenExactlyOneSucceeds() throws Exception {
        for (int round = 0; round < 3; round++) {
            String rt = partnerTokens().path("refresh_token");
            int contenders = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(contenders);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    Callable<Integer> call = () -> {
                        start.await();
                        return refresh(rt).statusCode();
                    };
                    results.add(pool.submit(call));
                }
                start.countDown();
                int ok = 0;
                int invalidGrant = 0;
                for (Future<Integer> result : results) {
                    int status = result.get();
                    if (status == 200) {
                        ok++;
                    } else if (status == 400) {
                        invalidGrant++;
                    }
                }
                assertEquals(1, ok, "exactly one of the concurrent refreshes wins");
                assertEquals(contenders - 1, invalidGrant, "the others are refused with invalid_grant");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void refreshAfterTheClientLostAScopeGrantsTheRestOrRefusesAnExplicitRequestForIt() {
        Response first = OAuth.clientCredentials(base(), TestClients.BETA_REFRESH_ID, TestClients.BETA_REFRESH_SECRET);
        first.then().body("scope", equalTo("company:read debts:read"));
        OAuthClient client = clients.findById(TestClients.BETA_REFRESH_ID).orElseThrow();
        clients.update(new OAuthClient(client.clientId(), client.companyId(), client.name(), client.secretHash(),
                client.previousSecretHash(), client.previousSecretExpiresAt(), client.grantTypes(), "company:read",
                client.readsPerHour(), client.writesPerHour(), client.enabled(), client.createdAt(), client.lastUsedAt(),
                client.redirectUris(), client.tokenEndpointAuthMethod()));
        registry.invalidate(TestClients.BETA_REFRESH_ID);
        try {
            String rt = first.path("refresh_token");
            OAuth.postBasic(base(), "/token", TestClients.BETA_REFRESH_ID, TestClients.BETA_REFRESH_SECRET,
                            form("grant_type", "refresh_token", "refresh_token", rt, "scope", "company:read debts:read"))
                    .then().statusCode(400).body("error", equalTo("invalid_scope"));
            OAuth.refresh(base(), TestClients.BETA_REFRESH_ID, TestClients.BETA_REFRESH_SECRET, rt).then()
                    .statusCode(200).body("scope", equalTo("company:read"));
        } finally {
            clients.update(client);
            registry.invalidate(TestClients.BETA_REFRESH_ID);
        }
    }
}
