package io.getbill.server.resources.timelines;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The days on which a timeline may act: every day except its excluded weekdays and its public-holiday dates. A
 * value: it knows nothing of time zones or clocks, so that the rules of {@link StepScheduleCalculator} can be tested
 * day by day.
 *
 * @param excludedWeekdays at most six days (a calendar with no allowed day could never schedule anything)
 * @param holidays         dates on which nothing is sent, whatever their weekday
 */
public record BusinessCalendar(Set<DayOfWeek> excludedWeekdays, SortedSet<LocalDate> holidays) {

    public BusinessCalendar {
        excludedWeekdays = excludedWeekdays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(excludedWeekdays);
        holidays = new TreeSet<>(holidays);
        if (excludedWeekdays.size() == DayOfWeek.values().length) {
            throw new IllegalArgumentException("A calendar must allow at least one weekday");
        }
    }

    public static BusinessCalendar of(Set<DayOfWeek> excludedWeekdays, Set<LocalDate> holidays) {
        return new BusinessCalendar(excludedWeekdays, new TreeSet<>(holidays));
    }

    public boolean allows(LocalDate day) {
        return !excludedWeekdays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** {@code day} itself when allowed, else the first allowed day after it. */
    public LocalDate onOrAfter(LocalDate day) {
        LocalDate d = day;
        // At least one weekday is allowed, so a run of refused days needs a holiday at least every seventh day: it is
        // shorter than 7 x (holidays + 1). The bound is never reached; it only rules out an endless loop.
        int bound = 7 * (holidays.size() + 1);
        for (int i = 0; i <= bound && !allows(d); i++) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The first allowed day strictly after {@code day}. */
    public LocalDate after(LocalDate day) {
        return onOrAfter(day.plusDays(1));
    }
}
