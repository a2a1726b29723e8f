package io.getbill.server.resources.debts;

import io.getbill.server.testsupport.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The same totals on H2 in MySQL mode (the embedded default), where a Java trigger keeps the counters. */
@MicronautTest(transactional = false)
class DebtListTotalsH2Test extends DebtListTotalsTest {

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }
}
