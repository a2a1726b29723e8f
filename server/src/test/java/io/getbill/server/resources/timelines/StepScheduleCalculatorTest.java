package io.getbill.server.resources.timelines;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The schedule rules of {@link StepScheduleCalculator}, day by day, in Europe/Paris with a 09:00 send time. */
class StepScheduleCalculatorTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final StepScheduleCalculator CALC = new StepScheduleCalculator(PARIS, LocalTime.of(9, 0));
    private static final BusinessCalendar WEEKDAYS = BusinessCalendar.of(Set.of(SATURDAY, SUNDAY), Set.of());

    private static Instant paris(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), PARIS).toInstant();
    }

    private static Instant nineInParis(String date) {
        return paris(date + "T09:00");
    }

    private static BusinessCalendar weekdaysWith(String... holidays) {
        return BusinessCalendar.of(Set.of(SATURDAY, SUNDAY),
                java.util.Arrays.stream(holidays).map(LocalDate::parse).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void immediateBeforeSendTimeThenOffsetZeroAtSendTimeToday() {
        // Monday 2025-03-03 08:00 in Paris
        List<Instant> due = CALC.schedule(WEEKDAYS, StartMode.IMMEDIATE, List.of(0, 1, 2), paris("2025-03-03T08:00"));
        assertEquals(List.of(nineInParis("2025-03-03"), nineInParis("2025-03-04"), nineInParis("2025-03-05")), due);
    }

    @Test
    void immediateAfterSendTimeThenOffsetZeroDueAtOnce() {
        Instant now = paris("2025-03-03T15:30");
        List<Instant> due = CALC.schedule(WEEKDAYS, StartMode.IMMEDIATE, List.of(0, 1), now);
        assertEquals(List.of(now, nineInParis("2025-03-04")), due);
    }

    @Test
    void stepsFallingOnAWeekendThenMovedToMonday() {
        // Thursday 2025-03-06: +2 is Saturday, +3 Sunday, +4 Monday
        List<Instant> due = CALC.schedule(WEEKDAYS, StartMode.IMMEDIATE, List.of(1, 2, 3, 4), paris("2025-03-06T08:00"));
        assertEquals(List.of(nineInParis("2025-03-07"), nineInParis("2025-03-10"), nineInParis("2025-03-10"),
                nineInParis("2025-03-10")), due);
    }

    @Test
    void offsetsCountCalendarDaysNotBusinessDays() {
        // Friday 2025-03-07 + 7 = Friday 2025-03-14 (not the 7th business day)
        List<Instant> due = CALC.schedule(WEEKDAYS, StartMode.IMMEDIATE, List.of(7), paris("2025-03-07T08:00"));
        assertEquals(List.of(nineInParis("2025-03-14")), due);
    }

    @Test
    void nextDayOnFridayThenStartsMonday() {
        assertEquals(LocalDate.parse("2025-03-10"), CALC.startDay(WEEKDAYS, StartMode.NEXT_DAY, paris("2025-03-07T10:00")));
        List<Instant> due = CALC.schedule(WEEKDAYS, StartMode.NEXT_DAY, List.of(0, 1), paris("2025-03-07T10:00"));
        assertEquals(List.of(nineInParis("2025-03-10"), nineInParis("2025-03-11")), due);
    }

    @Test
    void nextDayOnSundayThenStartsMondayNotTuesday() {
        assertEquals(LocalDate.parse("2025-03-10"), CALC.startDay(WEEKDAYS, StartMode.NEXT_DAY, paris("2025-03-09T10:00")));
    }

    @Test
    void nextDayNeverDueOnTheAssignmentDayEvenBeforeSendTime() {
        // Tuesday 07:00: next_day starts Wednesday even though Tuesday 09:00 has not come yet
        List<Instant> due = CALC.schedule(WEEKDAYS, StartMode.NEXT_DAY, List.of(0), paris("2025-03-04T07:00"));
        assertEquals(List.of(nineInParis("2025-03-05")), due);
    }

    @Test
    void holidayOnAWeekdayThenStepMovedToNextDay() {
        // Monday 2025-04-21 is Easter Monday in France
        BusinessCalendar calendar = weekdaysWith("2025-04-21");
        List<Instant> due = CALC.schedule(calendar, StartMode.IMMEDIATE, List.of(3), paris("2025-04-18T08:00"));
        assertEquals(List.of(nineInParis("2025-04-22")), due);
    }

    @Test
    void holidayOnAFridayBeforeAWeekendThenMovedToMonday() {
        // Friday 2025-07-04 as a holiday; Thursday + 1 = Friday -> Saturday, Sunday refused -> Monday 2025-07-07
        BusinessCalendar calendar = weekdaysWith("2025-07-04");
        List<Instant> due = CALC.schedule(calendar, StartMode.IMMEDIATE, List.of(1), paris("2025-07-03T08:00"));
        assertEquals(List.of(nineInParis("2025-07-07")), due);
        assertEquals(LocalDate.parse("2025-07-07"), CALC.startDay(calendar, StartMode.NEXT_DAY, paris("2025-07-03T12:00")));
    }

    @Test
    void holidayOnTheMondayAfterAWeekendThenMovedToTuesday() {
        BusinessCalendar calendar = weekdaysWith("2025-07-07");
        List<Instant> due = CALC.schedule(calendar, StartMode.IMMEDIATE, List.of(1), paris("2025-07-04T08:00"));
        assertEquals(List.of(nineInParis("2025-07-08")), due);
    }

    @Test
    void yearEndWithHolidaysThenStepsCrossIntoTheNewYear() {
        // Wednesday 2025-12-31 at 23:30 Paris (22:30 UTC): today is the 31st in Paris; 1 January is a holiday,
        // 3-4 January 2026 a weekend
        BusinessCalendar calendar = weekdaysWith("2025-12-25", "2026-01-01");
        Instant now = paris("2025-12-31T23:30");
        assertEquals(LocalDate.parse("2026-01-02"), CALC.startDay(calendar, StartMode.NEXT_DAY, now));
        List<Instant> due = CALC.schedule(calendar, StartMode.IMMEDIATE, List.of(0, 1, 3), now);
        assertEquals(List.of(now, nineInParis("2026-01-02"), nineInParis("2026-01-05")), due);
    }

    @Test
    void assignmentDayIsTheDateInTheZoneNotInUtc() {
        // 2025-03-09T23:30Z is Monday 00:30 in Paris: next_day starts Tuesday
        Instant now = Instant.parse("2025-03-09T23:30:00Z");
        assertEquals(LocalDate.parse("2025-03-11"), CALC.startDay(WEEKDAYS, StartMode.NEXT_DAY, now));
    }

    @Test
    void resultsAreUtcInstantsOfTheLocalSendTimeAcrossDaylightSaving() {
        // 2025-03-28 is in winter time (UTC+1), 2025-03-31 in summer time (UTC+2)
        List<Instant> due = CALC.schedule(WEEKDAYS, StartMode.IMMEDIATE, List.of(0, 3), paris("2025-03-28T06:00"));
        assertEquals(List.of(Instant.parse("2025-03-28T08:00:00Z"), Instant.parse("2025-03-31T07:00:00Z")), due);
    }

    @Test
    void sendTimeInADaylightSavingGapThenFirstValidMomentAfter() {
        StepScheduleCalculator at0230 = new StepScheduleCalculator(PARIS, LocalTime.of(2, 30));
        BusinessCalendar everyDay = BusinessCalendar.of(Set.of(), Set.of());
        // 2025-03-30 02:30 does not exist in Paris (02:00 -> 03:00)
        List<Instant> due = at0230.schedule(everyDay, StartMode.IMMEDIATE, List.of(1), paris("2025-03-29T10:00"));
        assertEquals(List.of(Instant.parse("2025-03-30T01:30:00Z")), due);
    }

    @Test
    void noExcludedDaysThenWeekendsAreUsed() {
        BusinessCalendar everyDay = BusinessCalendar.of(Set.of(), Set.of());
        List<Instant> due = CALC.schedule(everyDay, StartMode.NEXT_DAY, List.of(0), paris("2025-03-07T10:00"));
        assertEquals(List.of(nineInParis("2025-03-08")), due);
    }

    @Test
    void longRunOfHolidaysWithOneAllowedWeekdayThenFirstDayAfterThem() {
        // only Fridays allowed; the next three Fridays are holidays
        Set<DayOfWeek> allButFriday = java.util.EnumSet.complementOf(java.util.EnumSet.of(FRIDAY));
        BusinessCalendar calendar = BusinessCalendar.of(allButFriday,
                Set.of(LocalDate.parse("2025-03-07"), LocalDate.parse("2025-03-14"), LocalDate.parse("2025-03-21")));
        assertEquals(LocalDate.parse("2025-03-28"), calendar.onOrAfter(LocalDate.parse("2025-03-03")));
    }

    @Test
    void everyWeekdayExcludedThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(java.util.EnumSet.allOf(DayOfWeek.class), Set.of()));
    }

    @Test
    void negativeOffsetThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> CALC.schedule(WEEKDAYS, StartMode.IMMEDIATE, List.of(-1), paris("2025-03-03T08:00")));
    }
}
