package io.getbill.server.infrastructure.audit;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The audit trail of the authorization server: every issuance, refusal, refresh, reuse detection and revocation,
 * written to the {@code getbill.audit} logger as one {@code key=value} line each (route it to a file or a collector
 * with the logging configuration).
 *
 * <p>Recording never slows a request down: {@link #record} only offers the event to a bounded queue, and one
 * background thread formats and writes the lines. If the queue is full (the writer cannot keep up), the event is
 * dropped and counted rather than blocking the request; the count is logged.
 *
 * <p>Values that come from the request (a presented client_id) are reduced to a safe alphabet and length so that
 * they cannot forge log lines.
 */
@Singleton
public class AuditTrail {

    /** The logger audit lines go to. */
    public static final String LOGGER = "getbill.audit";

    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._~:@/+=-]");
    private static final int MAX_VALUE = 128;

    private final BlockingQueue<AuditEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public AuditTrail(@Value("${getbill.audit.queue-capacity:65536}") int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "getbill-audit");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Records an event without blocking. */
    public void record(AuditEvent.Type type, String clientId, String outcome, String reason, String requestId, String detail) {
        if (!queue.offer(new AuditEvent(Instant.now(), type, clientId, outcome, reason, requestId, detail))) {
            dropped.incrementAndGet();
        }
    }

    /** Events dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        List<AuditEvent> batch = new ArrayList<>(512);
        long reportedDrops = 0;
        while (running || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 511);
                    for (AuditEvent event : batch) {
                        write(event);
                    }
                    batch.clear();
                }
                long drops = dropped.get();
                if (drops != reportedDrops) {
                    LOG.warn("Audit queue full: {} audit events dropped since start", drops);
                    reportedDrops = drops;
                }
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    batch.forEach(AuditTrail::write);
                    break;
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot write an audit event", e);
            }
        }
    }

    private static void write(AuditEvent e) {
        AUDIT.info("event={} outcome={} client_id={} reason={} detail={} request_id={} at={}",
                e.event().value(), e.outcome(), safe(e.clientId()), safe(e.reason()), safe(e.detail()),
                safe(e.requestId()), e.at());
    }

    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        String cut = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
        return UNSAFE.matcher(cut).replaceAll("?");
    }

    @PreDestroy
    void stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
