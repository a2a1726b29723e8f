package io.getbill.server.resources.webhooks;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background worker that turns the outbox into HTTP deliveries, on every instance: one loop thread fans new
 * events out ({@link WebhookDeliveries#fanOut}) and claims due deliveries, at most as many as it has free slots
 * ({@code getbill.webhooks.worker.concurrency}), and a fixed pool of that many threads sends them. Nothing is queued
 * in memory beyond the slots, so a backlog stays in the database where every instance can work on it and a crash
 * loses nothing: a claimed delivery whose instance dies is claimed again when its lease ends.
 *
 * <p>On shutdown the loop stops claiming and the attempts in flight are given the timeout to finish; anything left
 * is retried by the next instance after its lease.
 */
@Singleton
public class WebhookDeliveryWorker implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveryWorker.class);
    private static final int FAN_OUT_BATCH = 200;

    private final WebhookSettings settings;
    private final WebhookDeliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final WebhookAddressPolicy policy;
    private final WebhookSender sender;
    private final RetrySchedule retries;
    private final Semaphore slots;
    private final Object wake = new Object();
    private volatile boolean running;
    private Thread loop;
    private ExecutorService pool;

    public WebhookDeliveryWorker(WebhookSettings settings, WebhookDeliveries deliveries, WebhookEndpoints endpoints,
                                 WebhookAddressPolicy policy, WebhookSender sender, RetrySchedule retries) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.policy = policy;
        this.sender = sender;
        this.retries = retries;
        this.slots = new Semaphore(Math.max(1, settings.concurrency()));
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (settings.workerEnabled()) {
            start();
        }
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        pool = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), threads("getbill-webhook-sender-"));
        loop = threads("getbill-webhook-worker").newThread(this::run);
        loop.start();
    }

    private void run() {
        while (running) {
            boolean busy = false;
            try {
                busy = poll();
            } catch (RuntimeException e) {
                LOG.warn("Webhook worker cycle failed, retrying: {}", e.toString());
            }
            if (!busy) {
                pause();
            }
        }
    }

    /**
     * One cycle: fan out new events, claim due deliveries for the free slots and start them. True when more work
     * may be waiting, so the next cycle runs at once: events were fanned out, deliveries were claimed, or every
     * slot was busy (a backlog is worked at the pace the slots free up, not one claim per poll interval). False
     * only when nothing was due: the worker then sleeps for the poll interval.
     */
    boolean poll() {
        Instant now = Instant.now();
        int events = deliveries.fanOut(FAN_OUT_BATCH, now);
        int free = slots.availablePermits();
        if (free == 0) {
            waitForSlot();
            return true;
        }
        List<WebhookDeliveries.Claimed> claimed = deliveries.claim(free, settings.lease(), now);
        for (WebhookDeliveries.Claimed c : claimed) {
            slots.acquireUninterruptibly();
            try {
                pool.execute(() -> {
                    try {
                        deliver(c);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RuntimeException rejected) {
                slots.release(); // shutting down: the lease expires and another instance retries
            }
        }
        return events > 0 || !claimed.isEmpty();
    }

    /** Sends one claimed delivery and records the attempt. */
    void deliver(WebhookDeliveries.Claimed c) {
        try {
            if (!c.endpointEnabled()) {
                deliveries.cancel(c, Instant.now());
                return;
            }
            Optional<String> refused = policy.refusal(c.endpointUrl());
            WebhookDeliveries.Attempt attempt;
            if (refused.isPresent()) {
                attempt = new WebhookDeliveries.Attempt(false, null, 0, "Refused: " + refused.get(), Instant.now());
            } else {
                byte[] body = c.envelope().getBytes(StandardCharsets.UTF_8);
                String signature = WebhookSignature.sign(endpoints.secret(c.endpointId(), c.secretSealed()), body);
                attempt = sender.send(new WebhookSender.Request(c.endpointUrl(), body, signature, c.eventId(),
                        c.eventType(), c.id(), c.attempt()));
            }
            deliveries.finish(c, attempt, attempt.success() ? null
                    : retries.next(c.attempt(), c.createdAt(), attempt.at()).orElse(null));
        } catch (RuntimeException e) {
            // Not recorded: the lease expires and the delivery is attempted again.
            LOG.warn("Webhook delivery {} could not be completed: {}", c.id(), e.toString());
        }
    }

    private void pause() {
        synchronized (wake) {
            if (running) {
                try {
                    wake.wait(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private void waitForSlot() {
        try {
            if (slots.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops claiming; lets the attempts in flight finish within the timeout. */
    @PreDestroy
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            loop.join(settings.pollInterval().toMillis() + settings.timeout().toMillis() + 5_000);
            pool.shutdown();
            if (!pool.awaitTermination(settings.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }
}
