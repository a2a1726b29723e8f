package io.getbill.server.infrastructure.audit;

import io.getbill.server.testsupport.AuditCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditTrailTest {

    @Test
    void valuesFromTheRequestCannotForgeLogLines() {
        assertEquals("a?event=token_issued", AuditTrail.safe("a\nevent=token_issued"));
        assertEquals("x?y", AuditTrail.safe("x y"));
        assertEquals("-", AuditTrail.safe(null));
        assertEquals(128, AuditTrail.safe("a".repeat(1000)).length());
    }

    @Test
    void recordedEventsAreWrittenAsynchronouslyAsOneLineEach() throws Exception {
        AuditTrail trail = new AuditTrail(16);
        try (AuditCapture capture = AuditCapture.attach()) {
            trail.record(AuditEvent.Type.TOKEN_ISSUED, "client-1", AuditEvent.SUCCESS, "client_credentials", "req-1", "jti:1");
            String line = capture.await(l -> l.contains("request_id=req-1"), Duration.ofSeconds(5));
            assertNotNull(line);
            assertTrue(line.startsWith("event=token_issued outcome=success client_id=client-1 reason=client_credentials"), line);
        } finally {
            trail.stop();
        }
    }

    @Test
    void aFullQueueDropsEventsInsteadOfBlocking() {
        AuditTrail trail = new AuditTrail(1);
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 100_000; i++) {
                trail.record(AuditEvent.Type.TOKEN_ISSUED, "c", AuditEvent.SUCCESS, "r", "q", null);
            }
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "recording never blocks");
            assertTrue(trail.dropped() > 0);
        } finally {
            trail.stop();
        }
    }
}
