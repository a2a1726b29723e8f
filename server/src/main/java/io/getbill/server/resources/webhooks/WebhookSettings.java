package io.getbill.server.resources.webhooks;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Settings under {@code getbill.webhooks.*} (each also from the environment, e.g.
 * {@code GETBILL_WEBHOOKS_RETRY_HORIZON=48h}). The defaults are the production ones; tests shorten the back-off so
 * that retries and give-ups happen in seconds.
 *
 * @param allowPrivateAddresses endpoints may resolve to loopback, private, link-local... addresses (development, tests)
 * @param workerEnabled         this instance runs the delivery worker
 * @param concurrency           deliveries in flight at once on this instance (threads of the worker)
 * @param pollInterval          how often an idle worker looks for new events and due deliveries
 * @param lease                 how long a claimed delivery belongs to its instance; after that another may retry it
 * @param timeout               per attempt, connection and response together
 * @param initialDelay          the first retry's delay; each next one doubles, up to {@code maxDelay}
 * @param maxDelay              the longest delay between two attempts
 * @param retryHorizon          an event is retried at least this long after it was fanned out, then given up
 * @param retention             delivery logs, finished deliveries and delivered events are deleted after this
 */
@Singleton
public record WebhookSettings(
        @Value("${getbill.webhooks.allow-private-addresses:false}") boolean allowPrivateAddresses,
        @Value("${getbill.webhooks.worker.enabled:true}") boolean workerEnabled,
        @Value("${getbill.webhooks.worker.concurrency:16}") int concurrency,
        @Value("${getbill.webhooks.worker.poll-interval:500ms}") Duration pollInterval,
        @Value("${getbill.webhooks.worker.lease:60s}") Duration lease,
        @Value("${getbill.webhooks.timeout:10s}") Duration timeout,
        @Value("${getbill.webhooks.retry.initial-delay:30s}") Duration initialDelay,
        @Value("${getbill.webhooks.retry.max-delay:1h}") Duration maxDelay,
        @Value("${getbill.webhooks.retry.horizon:24h}") Duration retryHorizon,
        @Value("${getbill.webhooks.retention:30d}") Duration retention) {
}
