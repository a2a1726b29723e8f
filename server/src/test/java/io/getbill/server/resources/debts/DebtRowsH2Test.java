package io.getbill.server.resources.debts;

import io.getbill.server.testsupport.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The same on H2 in MySQL mode (the embedded default). */
@MicronautTest(transactional = false)
class DebtRowsH2Test extends DebtRowsTest {

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }
}
