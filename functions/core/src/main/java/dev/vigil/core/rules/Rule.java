package dev.vigil.core.rules;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * One alerting rule as loaded from YAML.
 *
 * @param metric        the series the rule reads (unused for ABSENT)
 * @param divideBy      for a ratio: the metric of the same host (same labels, else no labels) to divide by
 * @param window        window of AVG/MIN/MAX, or the history a TREND fits its line to
 * @param level         TREND: the value whose crossing is predicted (0 free bytes)
 * @param horizonMillis TREND: alert when the level is predicted within this long
 * @param onlyIf        the rule applies to a series only when this companion series holds
 * @param inhibitsHost  while this rule fires for a host, that host's other alerts are inhibited
 * @param everyMillis   evaluate each series once per this period (0: every cycle), the series spread evenly over
 *                      it so no cycle carries them all; between, a series' alert stays as it is
 * @param unit          what the values mean, for the texts people read (given or derived from the metric name)
 * @param description   prose about the condition (a template), or "" for none
 * @param runbookUrl    a link to the runbook (an http(s) URL template), or null; prose goes in {@code runbook}
 */
public record Rule(
        String name,
        RuleKind kind,
        @Nullable String metric,
        List<LabelMatcher> labels,
        Aggregation aggregation,
        long windowMillis,
        @Nullable String divideBy,
        Thresholds thresholds,
        double level,
        long horizonMillis,
        @Nullable Guard onlyIf,
        boolean inhibitsHost,
        boolean enabled,
        long everyMillis,
        Unit unit,
        String summary,
        String description,
        String runbook,
        @Nullable String runbookUrl) {

    /** A condition on another series of the same host and labels, e.g. disk_total_bytes >= 20 GiB. */
    public record Guard(String metric, Comparison comparison, double value) {
    }

    /**
     * Whether a series (by id) is due in a cycle at {@code now} after the last successful one: each
     * series has its own phase within the period and is due when that moment passed since lastRun.
     */
    public boolean dueFor(long seriesId, long now, @Nullable Long lastRun) {
        if (everyMillis <= 0 || lastRun == null || now - lastRun >= everyMillis) {
            return true;
        }
        long phase = Math.floorMod(seriesId * 0x9E3779B97F4A7C15L, everyMillis);
        return Math.floorDiv(now - phase, everyMillis) != Math.floorDiv(lastRun - phase, everyMillis);
    }

    public boolean appliesTo(Map<String, String> seriesLabels) {
        for (LabelMatcher m : labels) {
            if (!m.matches(seriesLabels)) {
                return false;
            }
        }
        return true;
    }
}
