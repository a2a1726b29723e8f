package io.getbill.server.resources.timelines;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

/**
 * What a {@link CollectionChannel} needs to send one step: who to reach and how, what is owed, and the step's
 * message. {@code followupId} is stable across any retry a provider makes: use it as the provider's idempotency key.
 */
public record CollectionStep(
        String companyId,
        String debtId,
        String followupId,
        String timelineId,
        Channel channel,
        @Nullable String phone,
        @Nullable String email,
        String debtorName,
        BigDecimal amount,
        String currency,
        @Nullable String paymentLink,
        @Nullable String message) {

    @Override
    public String toString() {
        // Contact details stay out of logs.
        return "CollectionStep{followup=" + followupId + ", debt=" + debtId + ", channel=" + channel.wireName() + "}";
    }
}
