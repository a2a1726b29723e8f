package io.getbill.server.resources.events;

import java.util.Arrays;
import java.util.Optional;

/** The events a company can subscribe webhook endpoints to; {@link #wireName()} is the envelope's {@code type}. */
public enum EventType {
    DEBT_CREATED("debt.created"),
    DEBT_UPDATED("debt.updated"),
    DEBT_STATUS_CHANGED("debt.status_changed"),
    DEBT_DELETED("debt.deleted"),
    FOLLOWUP_CREATED("followup.created"),
    FOLLOWUP_UPDATED("followup.updated"),
    REPORT_GENERATED("report.generated");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
