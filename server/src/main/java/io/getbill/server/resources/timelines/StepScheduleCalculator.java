package io.getbill.server.resources.timelines;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When each step of a timeline is due for one debt — a pure function of the timeline's calendar, the start mode,
 * the steps' day offsets and the moment the timeline is assigned. The rules (also in the contract, under
 * {@code TimelineStartMode}):
 * <ol>
 *   <li>"Today" is the assignment moment's date in the configured zone ({@code getbill.timelines.zone}, default
 *       Europe/Paris), not in UTC: a debt created at 23:30 in Paris on 31 December starts on 31 December.</li>
 *   <li>The start day is today ({@code immediate}), or the first allowed day strictly after today
 *       ({@code next_day}) — allowed meaning neither an excluded weekday nor a public holiday.</li>
 *   <li>A step's day is the start day plus its {@code day_offset} calendar days, moved forward to the first allowed
 *       day when it falls on an excluded weekday or a holiday. Offsets count calendar days, not business days, so
 *       a step does not drift later because of the days skipped by another step.</li>
 *   <li>A step is due at the configured send time ({@code getbill.timelines.send-time}, default 09:00) of its day in
 *       that zone (across a daylight-saving gap, the first valid moment after it), returned in UTC. A step whose
 *       moment is already past — only possible on the assignment day — is due at once: at the assignment moment.</li>
 * </ol>
 */
public final class StepScheduleCalculator {

    private final ZoneId zone;
    private final LocalTime sendTime;

    public StepScheduleCalculator(ZoneId zone, LocalTime sendTime) {
        this.zone = Objects.requireNonNull(zone);
        this.sendTime = Objects.requireNonNull(sendTime);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The start day of a timeline assigned at {@code now}. */
    public LocalDate startDay(BusinessCalendar calendar, StartMode mode, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return mode == StartMode.NEXT_DAY ? calendar.after(today) : today;
    }

    /** The day a step with {@code dayOffset} falls on, from {@code startDay}. */
    public LocalDate stepDay(BusinessCalendar calendar, LocalDate startDay, int dayOffset) {
        if (dayOffset < 0) {
            throw new IllegalArgumentException("day_offset must not be negative");
        }
        return calendar.onOrAfter(startDay.plusDays(dayOffset));
    }

    /** The moment (UTC) each step is due, in the order of {@code dayOffsets}. */
    public List<Instant> schedule(BusinessCalendar calendar, StartMode mode, List<Integer> dayOffsets, Instant now) {
        LocalDate start = startDay(calendar, mode, now);
        List<Instant> due = new ArrayList<>(dayOffsets.size());
        for (int offset : dayOffsets) {
            Instant at = stepDay(calendar, start, offset).atTime(sendTime).atZone(zone).toInstant();
            due.add(at.isBefore(now) ? now : at);
        }
        return due;
    }
}
