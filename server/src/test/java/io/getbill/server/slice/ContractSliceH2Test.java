package io.getbill.server.slice;

import io.getbill.server.testsupport.TestServers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class ContractSliceH2Test extends ContractSliceTest {
    @Override
    TestServers.Database database() {
        return TestServers.Database.H2;
    }
}
