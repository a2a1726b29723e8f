package io.getbill.server.oauth.clients;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps {@code oauth_clients.last_used_at} up to date without a database write per token request: a request only
 * notes the time in memory; a scheduled task writes the latest time of each client used since the last flush
 * (one UPDATE per active client, every {@code getbill.clients.last-used-flush-interval}, default 10 s).
 */
@Singleton
public class ClientUsageRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(ClientUsageRecorder.class);

    private final OAuthClientRepository repository;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    public ClientUsageRecorder(OAuthClientRepository repository) {
        this.repository = repository;
    }

    /** Notes that {@code clientId} authenticated just now. */
    public void recordUse(String clientId) {
        pending.put(clientId, System.currentTimeMillis());
    }

    @Scheduled(fixedDelay = "${getbill.clients.last-used-flush-interval:10s}",
            initialDelay = "${getbill.clients.last-used-flush-interval:10s}")
    void scheduledFlush() {
        flush();
    }

    /** Writes the pending last-use times; returns how many clients were written. */
    public int flush() {
        return flush(false);
    }

    private synchronized int flush(boolean quiet) {
        int written = 0;
        Iterator<Map.Entry<String, Long>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> e = it.next();
            it.remove();
            Instant at = Instant.ofEpochMilli(e.getValue()).truncatedTo(ChronoUnit.MICROS);
            try {
                repository.touch(e.getKey(), at);
                written++;
            } catch (RuntimeException ex) {
                pending.merge(e.getKey(), e.getValue(), Math::max);
                if (quiet) {
                    break;
                }
                LOG.warn("Cannot record the last use of client {}: {}", e.getKey(), ex.toString());
                break;
            }
        }
        return written;
    }

    /**
     * Best effort at shutdown, when the context starts stopping — before its beans are destroyed. (A
     * {@code @PreDestroy} flush could run after the data source was closed, and asking for it then built a new one:
     * Flyway ran the migrations again during shutdown.)
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        flush(true);
    }
}
