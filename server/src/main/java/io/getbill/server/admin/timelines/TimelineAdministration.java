package io.getbill.server.admin.timelines;

import io.getbill.server.resources.timelines.Channel;
import io.getbill.server.resources.timelines.StartMode;
import io.getbill.server.resources.timelines.Timeline;
import io.getbill.server.resources.timelines.TimelineDefinition;
import io.getbill.server.resources.timelines.TimelineRepository;
import io.getbill.server.resources.timelines.TimelineStep;
import io.getbill.server.resources.timelines.TimelineSteps;

import io.getbill.server.api.model.TimelineCreateRequest;
import io.getbill.server.api.model.TimelineStartMode;
import io.getbill.server.api.model.TimelineUpdateRequest;
import io.getbill.server.api.model.Weekday;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.infrastructure.errors.ApiException;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A company admin's timelines: create, list, get, update, delete, each scoped by the admin's company and run inside
 * the caller's write transaction. The rules the contract's schema cannot express are checked here, all at once:
 * a non-blank unique name, steps in order of {@code day_offset}, non-blank messages, and at least one allowed
 * weekday.
 *
 * <p><b>Delete</b> is refused with a 409 while followups the timeline scheduled are still {@code scheduled}: those
 * steps would otherwise run for a timeline nobody can see any more. Deactivate it ({@code active: false}) to stop
 * new assignments, or let the pending steps run or be cancelled first. Debts keep the id of a deleted timeline as the
 * record of what they followed.
 */
@Singleton
public class TimelineAdministration {

    private final TimelineRepository timelines;
    private final TimelineSteps steps;

    public TimelineAdministration(TimelineRepository timelines, TimelineSteps steps) {
        this.timelines = timelines;
        this.steps = steps;
    }

    /** The fields of a create or an update in one shape; for an update, {@code null} means "left out". */
    public record Fields(@Nullable String name, @Nullable StartMode startMode,
                         @Nullable List<io.getbill.server.api.model.TimelineStep> steps,
                         @Nullable Collection<Weekday> excludedWeekdays, @Nullable Collection<LocalDate> publicHolidays,
                         @Nullable Boolean active) {

        public static Fields of(TimelineCreateRequest r) {
            return new Fields(r.getName(), startMode(r.getStartMode()), r.getSteps(), r.getExcludedWeekdays(),
                    r.getPublicHolidays(), r.getActive());
        }

        /** @param startModeGiven whether the body had {@code start_mode} (the generated type fills in its default) */
        public static Fields of(TimelineUpdateRequest r, boolean startModeGiven) {
            return new Fields(r.getName(), startModeGiven ? startMode(r.getStartMode()) : null, r.getSteps(),
                    r.getExcludedWeekdays(), r.getPublicHolidays(), r.getActive());
        }

        private static StartMode startMode(@Nullable TimelineStartMode mode) {
            return mode == null ? null : StartMode.fromWireName(mode.getValue()).orElse(null);
        }
    }

    /** The rules of a create or update body that its generated type cannot express. */
    public static void check(Fields f, FieldErrors errors) {
        if (f.name() != null && f.name().isBlank()) {
            errors.add("name", "Must not be blank");
        }
        if (f.steps() != null) {
            Integer previous = null;
            for (int i = 0; i < f.steps().size(); i++) {
                var step = f.steps().get(i);
                if (step == null) {
                    continue;
                }
                if (step.getMessage() != null && step.getMessage().isBlank()) {
                    errors.add("steps[" + i + "].message", "Must not be blank");
                }
                Integer offset = step.getDayOffset();
                if (offset != null && previous != null && offset < previous) {
                    errors.add("steps[" + i + "].day_offset", "Steps must be in order: not before the previous step's day_offset");
                }
                if (offset != null) {
                    previous = offset;
                }
            }
        }
        if (f.excludedWeekdays() != null && weekdays(f.excludedWeekdays()).size() >= DayOfWeek.values().length) {
            errors.add("excluded_weekdays", "At least one weekday must stay allowed");
        }
    }

    public TimelineDefinition create(String companyId, Fields f, Instant now) {
        FieldErrors errors = new FieldErrors();
        check(f, errors);
        errors.throwIfAny();
        String name = f.name().strip();
        if (timelines.existsByCompanyIdAndName(companyId, name)) {
            throw nameTaken();
        }
        Timeline timeline = new Timeline(RandomValues.id(), companyId, name,
                (f.startMode() == null ? StartMode.IMMEDIATE : f.startMode()).wireName(),
                TimelineDefinition.encodeWeekdays(f.excludedWeekdays() == null ? Set.of() : weekdays(f.excludedWeekdays())),
                TimelineDefinition.encodeDates(f.publicHolidays() == null ? Set.of() : f.publicHolidays()),
                f.active() == null || f.active(), now, now);
        Timeline saved = timelines.save(timeline);
        List<TimelineStep> stored = toSteps(f.steps());
        steps.replace(saved.id(), stored);
        return new TimelineDefinition(saved, stored);
    }

    public TimelineDefinition update(String companyId, String id, Fields f, Instant now) {
        FieldErrors errors = new FieldErrors();
        check(f, errors);
        errors.throwIfAny();
        Timeline current = timelines.findForUpdate(id, companyId).orElseThrow(TimelineAdministration::notFound);
        String name = f.name() == null ? current.name() : f.name().strip();
        if (!name.equals(current.name()) && timelines.existsByCompanyIdAndName(companyId, name)) {
            throw nameTaken();
        }
        Timeline updated = timelines.update(new Timeline(current.id(), companyId, name,
                f.startMode() == null ? current.startMode() : f.startMode().wireName(),
                f.excludedWeekdays() == null ? current.excludedWeekdays()
                        : TimelineDefinition.encodeWeekdays(weekdays(f.excludedWeekdays())),
                f.publicHolidays() == null ? current.publicHolidays() : TimelineDefinition.encodeDates(f.publicHolidays()),
                f.active() == null ? current.active() : f.active(), current.createdAt(), now));
        List<TimelineStep> stored;
        if (f.steps() != null) {
            stored = toSteps(f.steps());
            steps.replace(id, stored);
        } else {
            stored = steps.of(id);
        }
        return new TimelineDefinition(updated, stored);
    }

    public TimelineDefinition get(String companyId, String id) {
        Timeline timeline = timelines.findByIdAndCompanyId(id, companyId).orElseThrow(TimelineAdministration::notFound);
        return new TimelineDefinition(timeline, steps.of(id));
    }

    public List<TimelineDefinition> list(String companyId) {
        Map<String, List<TimelineStep>> all = steps.ofCompany(companyId);
        return timelines.findByCompanyIdOrderByName(companyId).stream()
                .map(t -> new TimelineDefinition(t, all.getOrDefault(t.id(), List.of())))
                .toList();
    }

    /** @throws ApiException 404 for no such timeline in the company; 409 while steps it scheduled are pending */
    public void delete(String companyId, String id) {
        timelines.findForUpdate(id, companyId).orElseThrow(TimelineAdministration::notFound);
        long pending = timelines.countPendingSteps(id, companyId);
        if (pending > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "Timeline has " + pending
                    + " scheduled steps pending; deactivate it (active: false) or wait until they have run");
        }
        timelines.deleteScoped(id, companyId);
    }

    static ApiException notFound() {
        return ApiException.notFound("Timeline not found");
    }

    private static ApiException nameTaken() {
        return new ApiException(HttpStatus.CONFLICT, "A timeline with this name already exists",
                Map.of("name", List.of("Already used by another timeline of the company")));
    }

    private static Set<DayOfWeek> weekdays(Collection<Weekday> days) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (Weekday d : days) {
            if (d != null) {
                out.add(DayOfWeek.valueOf(d.getValue().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return out;
    }

    private static List<TimelineStep> toSteps(List<io.getbill.server.api.model.TimelineStep> given) {
        List<TimelineStep> out = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            var s = given.get(i);
            out.add(new TimelineStep(i, Channel.fromWireName(s.getChannel().getValue()).orElseThrow(), s.getDayOffset(),
                    s.getMessage()));
        }
        return out;
    }
}
