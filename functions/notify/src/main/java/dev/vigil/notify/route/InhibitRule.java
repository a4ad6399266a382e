package dev.vigil.notify.route;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Alertmanager's inhibit rule: while an alert matching the source matchers fires, alerts matching
 * the target matchers with the same values of the {@code equal} labels are muted. An alert never
 * inhibits itself (one matching both sides).
 */
public record InhibitRule(List<LabelMatcher> sourceMatchers, List<LabelMatcher> targetMatchers, List<String> equal) {

    public boolean isSource(Map<String, String> labels) {
        return sourceMatchers.stream().allMatch(m -> m.matches(labels));
    }

    public boolean isTarget(Map<String, String> labels) {
        return targetMatchers.stream().allMatch(m -> m.matches(labels));
    }

    /** Whether {@code source} (a firing alert matching the source side) inhibits {@code target}. */
    public boolean inhibits(Map<String, String> source, Map<String, String> target) {
        if (source == target || source.equals(target) || !isTarget(target)) {
            return false;
        }
        for (String label : equal) {
            if (!Objects.equals(source.getOrDefault(label, ""), target.getOrDefault(label, ""))) {
                return false;
            }
        }
        return true;
    }
}
