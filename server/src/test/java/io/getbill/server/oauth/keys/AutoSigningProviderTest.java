package io.getbill.server.oauth.keys;

import io.getbill.server.infrastructure.crypto.EcProviders;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code getbill.signing.provider=auto} (the default): the server starts signing on the JVM's provider, loads AWS-LC
 * in the background after the first token, then signs with it; tokens signed before the switch stay valid.
 */
@MicronautTest(transactional = false)
class AutoSigningProviderTest extends ServerTest {

    @Inject
    SigningKeys keys;

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    @Test
    void firstTokenIsSignedByTheJvmsProviderThenAwsLcTakesOverAndEarlierTokensStayValid() throws Exception {
        assertFalse(keys.ecProvider().startsWith(EcProviders.AWS_LC), "nothing native loads at start-up");
        String before = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);

        long deadline = System.currentTimeMillis() + 20_000;
        while (!keys.ecProvider().startsWith(EcProviders.AWS_LC) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(keys.ecProvider().startsWith(EcProviders.AWS_LC), "switched: " + keys.ecProvider());

        String after = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.profile(base(), before).then().statusCode(200);
        OAuth.profile(base(), after).then().statusCode(200);
    }
}
