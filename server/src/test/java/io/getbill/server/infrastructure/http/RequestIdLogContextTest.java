package io.getbill.server.infrastructure.http;

import io.micronaut.core.propagation.PropagatedContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestIdLogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void propagateWhenOnAnotherThreadThenItsLogContextHasTheRequestIdAndIsEmptyAgainAfterwards() throws Exception {
        PropagatedContext context = PropagatedContext.empty().plus(new RequestIdLogContext("req-1"));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            String inside = CompletableFuture.supplyAsync(() -> {
                try (PropagatedContext.Scope ignored = context.propagate()) {
                    return MDC.get("request_id");
                }
            }, other).get();
            String after = CompletableFuture.supplyAsync(() -> MDC.get("request_id"), other).get();

            assertEquals("req-1", inside);
            assertNull(after);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void propagateWhenTheThreadAlreadyHadARequestIdThenThatOneIsPutBack() {
        MDC.put("request_id", "outer");
        MDC.put("other", "kept");
        try (PropagatedContext.Scope ignored = PropagatedContext.empty().plus(new RequestIdLogContext("inner")).propagate()) {
            assertEquals("inner", MDC.get("request_id"));
            assertEquals("kept", MDC.get("other"));
        }
        assertEquals("outer", MDC.get("request_id"));
        assertEquals("kept", MDC.get("other"));
    }
}
