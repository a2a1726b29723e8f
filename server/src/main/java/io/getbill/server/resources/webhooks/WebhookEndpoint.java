package io.getbill.server.resources.webhooks;

import io.getbill.server.resources.events.EventType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A company's webhook endpoint as stored: {@code eventTypes} are wire names separated by commas, the signing secret
 * is sealed ({@code crypto/SecretBox}) and opened only to sign a delivery.
 */
@MappedEntity("webhook_endpoints")
public record WebhookEndpoint(
        @Id String id,
        String companyId,
        String url,
        @Nullable String description,
        String eventTypes,
        boolean enabled,
        String secretSealed,
        Instant createdAt,
        Instant updatedAt) {

    /** The subscribed types, in the order of {@link EventType}. */
    public Set<EventType> subscribed() {
        Set<String> names = Arrays.stream(eventTypes.split(",")).map(String::strip).collect(Collectors.toSet());
        Set<EventType> out = new LinkedHashSet<>();
        for (EventType t : EventType.values()) {
            if (names.contains(t.wireName())) {
                out.add(t);
            }
        }
        return out;
    }

    public boolean subscribesTo(String wireName) {
        return Arrays.stream(eventTypes.split(",")).anyMatch(n -> n.strip().equals(wireName));
    }

    static String join(Set<EventType> types) {
        return Arrays.stream(EventType.values()).filter(types::contains).map(EventType::wireName)
                .collect(Collectors.joining(","));
    }
}
