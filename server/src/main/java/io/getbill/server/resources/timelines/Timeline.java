package io.getbill.server.resources.timelines;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A timeline as stored (its steps are in {@code timeline_steps}, see {@link TimelineSteps}). The weekdays are ISO
 * day numbers and the holidays ISO dates, each comma-separated: both lists are always read and written whole.
 */
@MappedEntity("timelines")
public record Timeline(
        @Id String id,
        String companyId,
        String name,
        String startMode,
        String excludedWeekdays,
        String publicHolidays,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {
}
