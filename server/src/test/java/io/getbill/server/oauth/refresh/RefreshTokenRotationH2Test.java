package io.getbill.server.oauth.refresh;

import io.getbill.server.testsupport.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class RefreshTokenRotationH2Test extends RefreshTokenRotationTest {
    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }
}
