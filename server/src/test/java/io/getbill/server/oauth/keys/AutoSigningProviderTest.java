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
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

        await("the native provider takes over").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> keys.ecProvider().startsWith(EcProviders.AWS_LC));

        String after = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        OAuth.profile(base(), before).then().statusCode(200);
        OAuth.profile(base(), after).then().statusCode(200);
    }
}
