package io.getbill.server.resources.timelines;

import io.getbill.server.api.model.TimelineChannel;
import io.getbill.server.api.model.TimelineStartMode;
import io.getbill.server.api.model.Weekday;
import io.getbill.server.infrastructure.mapping.Timestamps;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The one mapping between a stored timeline ({@link TimelineDefinition}) and the API's {@code Timeline}. */
@Singleton
public class TimelineMapper {

    public io.getbill.server.api.model.Timeline toApi(TimelineDefinition d) {
        Timeline t = d.timeline();
        var steps = d.steps().stream().map(s -> {
            var api = new io.getbill.server.api.model.TimelineStep(TimelineChannel.fromValue(s.channel().wireName()), s.dayOffset());
            api.setMessage(s.message());
            return api;
        }).toList();
        Set<Weekday> weekdays = new LinkedHashSet<>();
        d.excludedWeekdays().stream().sorted()
                .forEach(w -> weekdays.add(Weekday.fromValue(w.name().toLowerCase(Locale.ROOT))));
        return new io.getbill.server.api.model.Timeline(t.id(), t.name(), TimelineStartMode.fromValue(t.startMode()),
                new java.util.ArrayList<>(steps), weekdays, new LinkedHashSet<>(d.publicHolidays()), t.active(),
                Timestamps.utc(t.createdAt()), Timestamps.utc(t.updatedAt()));
    }
}
