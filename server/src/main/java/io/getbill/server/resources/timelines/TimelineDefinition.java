package io.getbill.server.resources.timelines;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A stored timeline with its steps, and the calendar and start mode its schedules are computed from. */
public record TimelineDefinition(Timeline timeline, List<TimelineStep> steps) {

    public String id() {
        return timeline.id();
    }

    public StartMode startMode() {
        return StartMode.fromWireName(timeline.startMode()).orElse(StartMode.IMMEDIATE);
    }

    public Set<DayOfWeek> excludedWeekdays() {
        return decodeWeekdays(timeline.excludedWeekdays());
    }

    public TreeSet<LocalDate> publicHolidays() {
        return decodeDates(timeline.publicHolidays());
    }

    public BusinessCalendar calendar() {
        return new BusinessCalendar(excludedWeekdays(), publicHolidays());
    }

    public static String encodeWeekdays(Collection<DayOfWeek> days) {
        return days.stream().sorted().map(d -> Integer.toString(d.getValue())).collect(Collectors.joining(","));
    }

    static Set<DayOfWeek> decodeWeekdays(String stored) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (!stored.isBlank()) {
            Arrays.stream(stored.split(",")).map(String::strip).map(Integer::parseInt).map(DayOfWeek::of).forEach(days::add);
        }
        return days;
    }

    public static String encodeDates(Collection<LocalDate> dates) {
        return new TreeSet<>(dates).stream().map(LocalDate::toString).collect(Collectors.joining(","));
    }

    static TreeSet<LocalDate> decodeDates(String stored) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        if (!stored.isBlank()) {
            Arrays.stream(stored.split(",")).map(String::strip).map(LocalDate::parse).forEach(dates::add);
        }
        return dates;
    }
}
