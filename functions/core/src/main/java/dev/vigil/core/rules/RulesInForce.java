package dev.vigil.core.rules;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * The rule set in force with where each rule came from, for the API and the console.
 *
 * @param operatorFile  the configured rules file, or null
 * @param fileError     why the operator file is refused (the last good rules run), or null
 * @param apiRules      the stored API rules by name, including ones not in force (see {@code apiProblems})
 * @param apiProblems   API rules not in force, with the reason (a file rule took the name, or it no longer loads)
 * @param fileOverrides the overrides of the defaults and the operator file (they come first in the rule set)
 * @param hostOverrides the per-host overrides stored through the API
 */
public record RulesInForce(RuleSet ruleSet, Map<String, RuleOrigin> origins, @Nullable String operatorFile,
                           @Nullable String fileError, Map<String, StoredRules.StoredRule> apiRules,
                           Map<String, String> apiProblems, List<RuleOverride> fileOverrides,
                           List<StoredRules.HostOverride> hostOverrides) {

    public RuleOrigin originOf(String rule) {
        return origins.getOrDefault(rule, RuleOrigin.API);
    }
}
