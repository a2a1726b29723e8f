package io.getbill.server.resources.timelines;

import io.getbill.server.api.model.FollowupType;
import io.getbill.server.resources.followups.Followup;
import io.getbill.server.resources.followups.FollowupFields;
import io.getbill.server.resources.followups.FollowupRepository;
import io.getbill.server.resources.followups.FollowupService;
import io.getbill.server.infrastructure.errors.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Turns a debt's timeline into followups: each step becomes a followup in status {@code scheduled} at the moment
 * {@link StepScheduleCalculator} computes, created through {@link FollowupService#create} like any followup (the
 * debt's counters and the {@code followup.created} event follow), and pending steps are cancelled through
 * {@link FollowupService#changeStatus}. Runs inside the debt change's transaction, so a debt never exists without
 * the steps its timeline implies.
 */
@Singleton
public class TimelineScheduler {

    public static final String UNKNOWN_TIMELINE = "No active timeline with this id in your company";
    public static final String REASON_REPLACED = "timeline_replaced";

    private final TimelineRepository timelines;
    private final TimelineSteps steps;
    private final FollowupService followupService;
    private final FollowupRepository followups;
    private final StepScheduleCalculator calculator;

    public TimelineScheduler(TimelineRepository timelines, TimelineSteps steps, FollowupService followupService,
                             FollowupRepository followups, TimelineSettings settings) {
        this.timelines = timelines;
        this.steps = steps;
        this.followupService = followupService;
        this.followups = followups;
        this.calculator = new StepScheduleCalculator(settings.zoneId(), settings.sendLocalTime());
    }

    /**
     * The timeline {@code timelineId} if it is an active timeline of the company. Another company's timeline is
     * answered exactly like one that does not exist (tenant isolation).
     */
    public Optional<TimelineDefinition> assignable(String companyId, String timelineId) {
        return timelines.findByIdAndCompanyId(timelineId, companyId)
                .filter(Timeline::active)
                .map(t -> new TimelineDefinition(t, steps.of(t.id())));
    }

    /** Adds a 400 on {@code timeline_id} when it is not an active timeline of the company. */
    public void check(String companyId, @Nullable String timelineId, FieldErrors errors) {
        if (timelineId != null && !timelineId.isEmpty() && !errors.has("timeline_id")
                && assignable(companyId, timelineId).isEmpty()) {
            errors.add("timeline_id", UNKNOWN_TIMELINE);
        }
    }

    /**
     * Schedules every step of {@code timeline} for the debt, from {@code now}.
     *
     * @param requested the debt's {@code timeline_start_mode}; {@code null} for the timeline's own
     * @return the followups created, in step order
     */
    public List<Followup> schedule(String companyId, String debtId, TimelineDefinition timeline,
                                   @Nullable StartMode requested, Instant now) {
        StartMode mode = requested != null ? requested : timeline.startMode();
        List<TimelineStep> ordered = timeline.steps();
        List<Instant> due = calculator.schedule(timeline.calendar(), mode,
                ordered.stream().map(TimelineStep::dayOffset).toList(), now);
        List<Followup> created = new java.util.ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            TimelineStep step = ordered.get(i);
            FollowupFields fields = FollowupFields.scheduledStep(FollowupType.fromValue(step.channel().wireName()),
                    due.get(i).atZone(ZoneOffset.UTC), step.message(), timeline.id(), step.position());
            created.add(followupService.create(companyId, debtId, fields, null, now));
        }
        return created;
    }

    /**
     * Cancels the debt's followups still {@code scheduled} by a timeline (followups a client scheduled itself are
     * left alone), with {@code reason} as their {@code status_reason}.
     *
     * @return how many were cancelled
     */
    public int cancelPending(String companyId, String debtId, String reason, Instant now) {
        int cancelled = 0;
        for (Followup pending : followups.findPendingTimelineSteps(companyId, debtId)) {
            Optional<Followup> locked = followupService.lockInStatus(companyId, pending.id(), "scheduled");
            if (locked.isPresent()) {
                followupService.changeStatus(locked.get(), "cancelled", reason, null, null, true, now);
                cancelled++;
            }
        }
        return cancelled;
    }
}
