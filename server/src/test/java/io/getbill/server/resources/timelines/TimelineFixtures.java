package io.getbill.server.resources.timelines;

import io.getbill.server.admin.timelines.TimelineAdministration;

import io.getbill.server.api.model.TimelineChannel;
import io.getbill.server.api.model.Weekday;
import io.getbill.server.infrastructure.persistence.WriteTransactions;
import io.micronaut.context.ApplicationContext;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Timelines created straight through {@link TimelineAdministration} (the service behind the admin endpoints), for
 * tests whose subject is what a timeline does to debts rather than how an admin manages it.
 */
final class TimelineFixtures {

    private final ApplicationContext context;

    TimelineFixtures(ApplicationContext context) {
        this.context = context;
    }

    /** {@code steps} as pairs: channel, day offset. */
    String create(String companyId, String name, StartMode mode, Collection<DayOfWeek> excluded,
                  Collection<LocalDate> holidays, Object... steps) {
        List<io.getbill.server.api.model.TimelineStep> list = new ArrayList<>();
        for (int i = 0; i < steps.length; i += 2) {
            var step = new io.getbill.server.api.model.TimelineStep(TimelineChannel.fromValue((String) steps[i]), (Integer) steps[i + 1]);
            step.setMessage("Step " + (i / 2 + 1) + " of " + name);
            list.add(step);
        }
        Set<Weekday> weekdays = excluded.stream().map(d -> Weekday.fromValue(d.name().toLowerCase(Locale.ROOT)))
                .collect(Collectors.toSet());
        var fields = new TimelineAdministration.Fields(name, mode, list, weekdays, holidays, true);
        return context.getBean(WriteTransactions.class).run(() ->
                context.getBean(TimelineAdministration.class).create(companyId, fields, Instant.now()).id());
    }

    void deactivate(String companyId, String id) {
        var fields = new TimelineAdministration.Fields(null, null, null, null, null, false);
        context.getBean(WriteTransactions.class).run(() ->
                context.getBean(TimelineAdministration.class).update(companyId, id, fields, Instant.now()));
    }
}
