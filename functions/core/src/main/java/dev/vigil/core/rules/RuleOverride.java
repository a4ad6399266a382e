package dev.vigil.core.rules;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Changes a rule for the hosts and labels it matches (all of them when both are empty): its levels,
 * its {@code for}, or whether it runs at all. Null fields keep the rule's value.
 */
public record RuleOverride(
        String rule,
        @Nullable Pattern host,
        List<LabelMatcher> labels,
        @Nullable Double warning,
        @Nullable Double critical,
        @Nullable Double clear,
        @Nullable Long forMillis,
        @Nullable Boolean enabled) {

    public boolean matches(String ruleName, String hostName, Map<String, String> seriesLabels) {
        if (!rule.equals(ruleName)) {
            return false;
        }
        if (host != null && !host.matcher(hostName).matches()) {
            return false;
        }
        for (LabelMatcher m : labels) {
            if (!m.matches(seriesLabels)) {
                return false;
            }
        }
        return true;
    }
}
