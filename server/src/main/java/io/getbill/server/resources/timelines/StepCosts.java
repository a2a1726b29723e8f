package io.getbill.server.resources.timelines;

import io.getbill.server.infrastructure.validation.PhoneNumbers;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * What one executed step costs: the channel's configured credits ({@code getbill.timelines.costs.<channel>}); a call
 * is priced like the contract's expensive-destination table — the configured call cost is the mainland-France rate
 * (25 credits), multiplied by the destination's rate (EU 1.2x, DOM-TOM 4x, Maghreb and elsewhere 5x), rounded up.
 */
@Singleton
public class StepCosts {

    private static final int STANDARD_CALL_CREDITS = 25;

    private final Map<Channel, Integer> costs;

    public StepCosts(TimelineSettings settings) {
        this.costs = settings.channelCosts();
    }

    public int of(Channel channel, @Nullable String phoneE164) {
        int base = costs.get(channel);
        if (channel != Channel.CALL || phoneE164 == null) {
            return base;
        }
        PhoneNumbers.Result phone = PhoneNumbers.normalise(phoneE164);
        if (!phone.valid()) {
            return base;
        }
        int perCall = phone.destination().creditsPerCall();
        return (base * perCall + STANDARD_CALL_CREDITS - 1) / STANDARD_CALL_CREDITS;
    }
}
