package dev.vigil.notify.config;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One entry of an Alertmanager {@code time_intervals} definition: an instant is inside when every
 * field that is set contains it (an empty list means "any"). Times are minutes of the day,
 * end exclusive; negative days of the month count from the end, as in Alertmanager.
 */
public record TimeInterval(List<Range> times, List<Range> weekdays, List<Range> daysOfMonth, List<Range> months,
                           List<Range> years, ZoneId location) {

    /** Inclusive range (exclusive end for {@link #times}). */
    public record Range(int start, int end) {
    }

    public boolean contains(Instant instant) {
        ZonedDateTime t = instant.atZone(location);
        int minute = t.getHour() * 60 + t.getMinute();
        if (!times.isEmpty() && times.stream().noneMatch(r -> minute >= r.start() && minute < r.end())) {
            return false;
        }
        // Alertmanager numbers weekdays from Sunday = 0.
        int weekday = t.getDayOfWeek().getValue() % 7;
        if (!inAny(weekdays, weekday)) {
            return false;
        }
        int length = t.toLocalDate().lengthOfMonth();
        int day = t.getDayOfMonth();
        if (!daysOfMonth.isEmpty() && daysOfMonth.stream().noneMatch(r -> day >= absolute(r.start(), length) && day <= absolute(r.end(), length))) {
            return false;
        }
        return inAny(months, t.getMonthValue()) && inAny(years, t.getYear());
    }

    private static int absolute(int day, int length) {
        return day < 0 ? length + 1 + day : day;
    }

    private static boolean inAny(List<Range> ranges, int v) {
        return ranges.isEmpty() || ranges.stream().anyMatch(r -> v >= r.start() && v <= r.end());
    }

    /** Whether any of a named definition's entries contains the instant. */
    public static boolean anyContains(List<TimeInterval> intervals, Instant instant) {
        return intervals.stream().anyMatch(i -> i.contains(instant));
    }
}
