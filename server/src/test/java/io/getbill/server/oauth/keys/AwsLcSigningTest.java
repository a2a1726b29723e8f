package io.getbill.server.oauth.keys;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.getbill.server.infrastructure.crypto.EcProviders;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ServerTest;
import io.getbill.server.testsupport.TestClients;
import io.getbill.server.testsupport.TestServers;
import io.getbill.server.testsupport.Tokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code getbill.signing.provider=aws-lc}: ES256 through AWS-LC from the start, end to end on H2; its signatures are
 * the standard ones, which a verifier on the JDK's provider accepts from the published key.
 */
@MicronautTest(transactional = false)
class AwsLcSigningTest extends ServerTest {

    @Inject
    SigningKeys keys;

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("getbill.signing.provider", "aws-lc");
    }

    @Test
    void es256ThroughAwsLcSignsTokensThatTheJdksVerifierAndTheServerAccept() throws Exception {
        assertTrue(keys.ecProvider().startsWith(EcProviders.AWS_LC), keys.ecProvider());
        String token = Tokens.accessToken(base(), TestClients.FULL_ID, TestClients.FULL_SECRET, null);
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());

        JWKSet published = JWKSet.parse(Tokens.at(base()).get("/.well-known/jwks.json").then().statusCode(200)
                .extract().asString());
        ECKey key = (ECKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new ECDSAVerifier(key)), "the JDK's provider verifies what AWS-LC signed");
        OAuth.profile(base(), token).then().statusCode(200);
    }
}
