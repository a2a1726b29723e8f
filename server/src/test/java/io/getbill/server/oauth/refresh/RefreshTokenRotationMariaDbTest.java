package io.getbill.server.oauth.refresh;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class RefreshTokenRotationMariaDbTest extends RefreshTokenRotationTest {
}
