package dev.vigil.core.alert;

import dev.vigil.core.rules.Quantities;
import dev.vigil.core.rules.Rule;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The sentences that say why an alert ended, as messages show them: "back to 71.2% (threshold 90%)",
 * "no data since 14:02 UTC (last value 93.1%)", "reporting again since 14:05 UTC (no data for 3m 10s)".
 */
public final class ResolutionText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_AND_CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ResolutionText() {
    }

    /** A threshold rule's value is on the good side again. */
    public static String backTo(String valueText, @Nullable String thresholdText, boolean showThreshold) {
        return showThreshold && thresholdText != null
                ? "back to " + valueText + " (threshold " + thresholdText + ")"
                : "back to " + valueText;
    }

    /** A host's samples arrive again; the gap runs from the last sample before it to the first after. */
    public static String reportingAgain(long lastSeenAt, long silentMillis, long now) {
        return "reporting again since " + time(lastSeenAt, now) + " (no data for " + Quantities.duration(silentMillis) + ")";
    }

    /** The value of a HostDown that ended: "reporting again after 10m 15s". */
    public static String reportingAgainAfter(long silentMillis) {
        return "reporting again after " + Quantities.duration(silentMillis);
    }

    /** A trend no longer heads for its level within the horizon. */
    public static String trendTurned(@Nullable String thresholdText, String valueText) {
        return "no longer heading for " + (thresholdText == null ? "its level" : thresholdText) + " (now " + valueText + ")";
    }

    public static String noData(long since, long now, @Nullable String lastValueText) {
        return "no data since " + time(since, now) + (lastValueText == null ? "" : " (last value " + lastValueText + ")");
    }

    public static String notEvaluated(String why, @Nullable String lastValueText) {
        return "no longer evaluated: " + why + (lastValueText == null ? "" : " (last value " + lastValueText + ")");
    }

    public static String ruleRemoved(String rule) {
        return "rule " + rule + " was removed or disabled";
    }

    public static String hostRemoved(String host) {
        return "host " + host + " was removed";
    }

    public static String notApplicable(Rule rule, String why) {
        return "rule " + rule.name() + " " + why;
    }

    /** "14:02 UTC" on the same day as now, else with the date. */
    public static String time(long at, long now) {
        Instant i = Instant.ofEpochMilli(at);
        boolean sameDay = LocalDate.ofInstant(i, ZoneOffset.UTC).equals(LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC));
        return (sameDay ? CLOCK : DAY_AND_CLOCK).format(i);
    }
}
