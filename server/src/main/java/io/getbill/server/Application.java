package io.getbill.server;

import io.getbill.server.deployment.startup.TrainingRun;
import io.micronaut.runtime.Micronaut;

/**
 * Entry point of the GetBill API server. Every HTTP operation is declared in the OpenAPI contract
 * ({@code openapi/getbill-api.yaml}); the controllers of this module implement the interfaces generated from it.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (TrainingRun.requested()) {
            TrainingRun.runAndExit(Application.class, args);
            return;
        }
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
