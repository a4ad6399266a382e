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
 * @param everyMillis   evaluate at most once per this period (0: every cycle); between, its alerts stay as they are
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
        String unit,
        String summary,
        String runbook) {

    /** A condition on another series of the same host and labels, e.g. disk_total_bytes >= 20 GiB. */
    public record Guard(String metric, Comparison comparison, double value) {
    }

    /** Due when no successful cycle ran yet in the current period of {@code everyMillis}. */
    public boolean dueAt(long now, @Nullable Long lastRun) {
        return everyMillis <= 0 || lastRun == null || Math.floorDiv(now, everyMillis) != Math.floorDiv(lastRun, everyMillis);
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
