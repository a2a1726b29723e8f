package io.getbill.server.resources.timelines;

import io.getbill.server.testsupport.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The executor's tests on the zero-setup default database (H2 in MySQL mode): V8 and every query are portable. */
@MicronautTest(transactional = false)
class TimelineExecutionH2Test extends TimelineExecutionTest {

    @Override
    protected TestServers.Database database() {
        return TestServers.Database.H2;
    }
}
