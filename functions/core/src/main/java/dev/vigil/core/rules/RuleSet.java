package dev.vigil.core.rules;

import dev.vigil.core.host.SelfHost;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rules in force and their overrides; later overrides win over earlier ones. Overrides are indexed by
 * rule, so a thousand per-host overrides cost each series only the overrides of its own rule.
 */
public final class RuleSet {

    private final List<Rule> rules;
    private final List<RuleOverride> overrides;
    private final Map<String, List<RuleOverride>> overridesByRule = new HashMap<>();

    public RuleSet(List<Rule> rules, List<RuleOverride> overrides) {
        this.rules = List.copyOf(rules);
        this.overrides = List.copyOf(overrides);
        for (RuleOverride o : this.overrides) {
            overridesByRule.computeIfAbsent(o.rule(), r -> new ArrayList<>()).add(o);
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<RuleOverride> overrides() {
        return overrides;
    }

    /** The overrides of one rule, in the order they apply. */
    public List<RuleOverride> overridesOf(String rule) {
        return overridesByRule.getOrDefault(rule, List.of());
    }

    /** The rule's thresholds for one series, or null when an override disables the rule there. */
    @Nullable
    public Thresholds thresholdsFor(Rule rule, String host, Map<String, String> labels) {
        return thresholdsFor(rule, host, () -> labels);
    }

    /** As above; the labels are only asked for when an override of this rule matches on labels. */
    @Nullable
    public Thresholds thresholdsFor(Rule rule, String host, Supplier<Map<String, String>> labelSource) {
        if (SelfHost.exemptFrom(rule, host)) {
            return null;
        }
        Thresholds t = rule.thresholds();
        Map<String, String> labels = null;
        for (RuleOverride o : overridesOf(rule.name())) {
            if (labels == null && !o.labels().isEmpty()) {
                labels = labelSource.get();
            }
            if (!o.matches(rule.name(), host, labels == null ? Map.of() : labels)) {
                continue;
            }
            if (o.enabled() != null && !o.enabled()) {
                return null;
            }
            t = new Thresholds(t.comparison(),
                    o.warning() != null ? o.warning() : t.warning(),
                    o.critical() != null ? o.critical() : t.critical(),
                    o.clear() != null ? o.clear() : t.clear(),
                    o.forMillis() != null ? o.forMillis() : t.forMillis());
        }
        return t;
    }

    /** True when an override without host or label scope switches the whole rule off. */
    public boolean disabledEverywhere(Rule rule) {
        boolean disabled = !rule.enabled();
        for (RuleOverride o : overridesOf(rule.name())) {
            if (o.host() == null && o.labels().isEmpty() && o.enabled() != null) {
                disabled = !o.enabled();
            }
        }
        return disabled;
    }
}
