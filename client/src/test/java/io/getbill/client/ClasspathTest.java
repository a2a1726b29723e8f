package io.getbill.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * No server-side framework reaches a partner through the client. The test classpath is the runtime
 * classpath plus test libraries, so what is absent here is absent for the partner too.
 */
class ClasspathTest {

    @Test
    void noMicronautSpringOrServerClassIsOnTheClasspath() {
        for (String type : new String[]{"io.micronaut.core.annotation.Introspected", "io.micronaut.http.HttpRequest",
                "org.springframework.context.ApplicationContext", "io.getbill.server.Application"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(type), type);
        }
    }
}
