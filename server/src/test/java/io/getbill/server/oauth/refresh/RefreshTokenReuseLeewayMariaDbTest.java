package io.getbill.server.oauth.refresh;

import io.getbill.server.testsupport.AuditCapture;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The refresh-token reuse leeway ({@code getbill.refresh-tokens.reuse-leeway}): a token presented again soon after
 * its use — a client's retry reaching another instance just after the first request was answered — is refused
 * without revoking the family; later, the same replay revokes it.
 */
@MicronautTest(transactional = false)
class RefreshTokenReuseLeewayMariaDbTest extends ServerTest {

    @Inject
    RefreshTokenStore store;

    @Inject
    RefreshTokenRepository repository;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("getbill.refresh-tokens.reuse-leeway", "30s");
    }

    private Response partnerTokens() {
        return OAuth.clientCredentials(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET);
    }

    private Response refresh(String refreshToken) {
        return OAuth.refresh(base(), TestClients.PARTNER_ID, TestClients.PARTNER_SECRET, refreshToken);
    }

    @Test
    void refreshWithTokenUsedWithinTheLeewayIsInvalidGrantAndKeepsTheFamily() throws Exception {
        String rt1 = partnerTokens().path("refresh_token");
        Response second = refresh(rt1);
        second.then().statusCode(200);

        try (AuditCapture audit = AuditCapture.attach()) {
            refresh(rt1).then().statusCode(400).body("error", equalTo("invalid_grant"));
            assertNotNull(audit.await(l -> l.contains("event=refresh_concurrent_use"), Duration.ofSeconds(5)));
        }
        String rt2 = second.path("refresh_token");
        assertFalse(store.find(rt2).orElseThrow().revoked());
        OAuth.profile(base(), second.path("access_token")).then().statusCode(200);
        refresh(rt2).then().statusCode(200);
    }

    @Test
    void refreshWithTokenUsedBeforeTheLeewayIsInvalidGrantAndRevokesTheFamily() throws Exception {
        String rt1 = partnerTokens().path("refresh_token");
        Response second = refresh(rt1);
        second.then().statusCode(200);
        RefreshToken row = store.find(rt1).orElseThrow();
        repository.update(new RefreshToken(row.tokenHash(), row.familyId(), row.clientId(), row.companyId(), row.scope(),
                row.issuedAt(), row.expiresAt(), row.used(), row.revoked(),
                row.usedAt().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MICROS), row.userId()));

        try (AuditCapture audit = AuditCapture.attach()) {
            refresh(rt1).then().statusCode(400).body("error", equalTo("invalid_grant"));
            assertNotNull(audit.await(l -> l.contains("event=refresh_reuse_detected"), Duration.ofSeconds(5)));
        }
        assertTrue(store.find(second.<String>path("refresh_token")).orElseThrow().revoked());
        OAuth.profile(base(), second.path("access_token")).then().statusCode(401);
    }
}
