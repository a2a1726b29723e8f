package io.getbill.server.resources.timelines;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Senders that replace the logging ones in the timeline tests, as a real provider would ({@code @Replaces}): one
 * that records every step it is handed — in a static map, so that two server instances in one JVM share it — and one
 * whose gateway is down.
 */
final class TestChannels {

    /** Followup id → how many times a sender was handed it, across every instance of the JVM. */
    static final Map<String, AtomicInteger> SENT = new ConcurrentHashMap<>();

    private TestChannels() {
    }

    static int timesSent(String followupId) {
        AtomicInteger n = SENT.get(followupId);
        return n == null ? 0 : n.get();
    }

    private static void record(CollectionStep step) {
        SENT.computeIfAbsent(step.followupId(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Singleton
    @Replaces(LoggingEmailChannel.class)
    @Requires(property = "spec.name", pattern = "Timeline(Execution|Concurrency)Test")
    static class RecordingEmailChannel implements CollectionChannel {
        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public void send(CollectionStep step) throws InterruptedException {
            record(step);
            Thread.sleep(2); // a provider takes time: widens the window in which two executors could race
        }
    }

    @Singleton
    @Replaces(LoggingSmsChannel.class)
    @Requires(property = "spec.name", pattern = "Timeline(Execution|Concurrency)Test")
    static class RecordingSmsChannel implements CollectionChannel {
        @Override
        public Channel channel() {
            return Channel.SMS;
        }

        @Override
        public void send(CollectionStep step) {
            record(step);
        }
    }

    @Singleton
    @Replaces(LoggingWhatsAppChannel.class)
    @Requires(property = "spec.name", value = "TimelineExecutionTest")
    static class FailingWhatsAppChannel implements CollectionChannel {
        @Override
        public Channel channel() {
            return Channel.WHATSAPP;
        }

        @Override
        public void send(CollectionStep step) throws IOException {
            record(step);
            throw new IOException("gateway unavailable");
        }
    }
}
