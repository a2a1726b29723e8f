package io.getbill.server.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.getbill.server.infrastructure.audit.AuditTrail;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Captures the lines written to the audit logger while it is attached. */
public final class AuditCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;

    private AuditCapture() {
        this.logger = (Logger) LoggerFactory.getLogger(AuditTrail.LOGGER);
    }

    public static AuditCapture attach() {
        AuditCapture capture = new AuditCapture();
        capture.setContext(capture.logger.getLoggerContext());
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(event.getFormattedMessage());
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits (the trail is asynchronous) for a line matching {@code predicate}; returns it or null. */
    public String await(Predicate<String> predicate, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (predicate.test(line)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
