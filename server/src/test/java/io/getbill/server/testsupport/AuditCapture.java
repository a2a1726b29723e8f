package io.getbill.server.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.getbill.server.infrastructure.audit.AuditTrail;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    public String await(Predicate<String> predicate, Duration timeout) {
        try {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> lines.stream().filter(predicate).findFirst(), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            return null;
        }
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
