package io.getbill.server.oauth.keys;

import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code getbill.signing.provider=bc}: ES256 through BouncyCastle, end to end on H2. */
@MicronautTest(transactional = false)
class BouncyCastleProviderTest extends ServerTest {

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("getbill.signing.provider", "bc");
    }

    @Test
    void es256ThroughBouncyCastleSignsAndValidates() throws Exception {
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        assertEquals("ES256", SignedJWT.parse(token).getHeader().getAlgorithm().getName());
        OAuth.profile(base(), token).then().statusCode(200);
    }
}
