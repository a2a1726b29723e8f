package io.getbill.server.deployment.startup;

import io.getbill.server.Application;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The build's class-data-sharing training run (see {@link TrainingRun}): it must get a token and a resource through
 * the real HTTP path on the embedded default, and never start against a configured external database.
 */
class TrainingRunTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void trainingRunWhenEmbeddedDefaultThenTokenAndResourceAnswer200AndStatusIsZero() throws Exception {
        assertEquals(0, TrainingRun.run(Application.class, new String[0], QUIET));
    }

    @Test
    void trainingRunWhenExternalDatabaseConfiguredThenRefusedWithStatusOne() throws Exception {
        String previous = System.setProperty("datasources.default.url", "jdbc:mysql://db.invalid:3306/getbill");
        try {
            assertEquals(1, TrainingRun.run(Application.class, new String[0], QUIET));
        } finally {
            if (previous == null) {
                System.clearProperty("datasources.default.url");
            } else {
                System.setProperty("datasources.default.url", previous);
            }
        }
    }
}
