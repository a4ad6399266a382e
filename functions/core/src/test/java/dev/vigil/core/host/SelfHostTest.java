package dev.vigil.core.host;

import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleSet;
import dev.vigil.core.rules.RuleSetLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Vigil's own host never gets HostDown, whichever rules file is in force. */
class SelfHostTest {

    private final RuleSetLoader loader = new RuleSetLoader(60_000);

    @Test
    void theDefaultsExemptVigilFromHostDownOnly() {
        RuleSet defaults = loader.loadDefaults();
        assertNull(defaults.thresholdsFor(rule(defaults, "HostDown"), SelfHost.NAME, Map.of()));
        assertNotNull(defaults.thresholdsFor(rule(defaults, "HostDown"), "db-01", Map.of()));
        assertNotNull(defaults.thresholdsFor(rule(defaults, "HighCpuUsage"), SelfHost.NAME, Map.of()));
    }

    @Test
    void aRulesFileInReplaceModeKeepsTheExemption() {
        RuleSet replaced = loader.parse("""
                mode: replace
                rules:
                  - name: HostDown
                    kind: absent
                    severity: critical
                    inhibits-host: true
                    summary: "{{host}} is silent"
                """, "operator.yml", loader.loadDefaults());
        Rule hostDown = rule(replaced, "HostDown");
        assertNull(replaced.thresholdsFor(hostDown, SelfHost.NAME, Map.of()));
        assertNotNull(replaced.thresholdsFor(hostDown, "db-01", Map.of()));
    }

    private static Rule rule(RuleSet set, String name) {
        return set.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
