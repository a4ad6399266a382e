package dev.vigil.core.silence;

import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.rules.Rule;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * While an inhibiting alert (HostDown) fires for a host, that host's other alerts are inhibited.
 * Evaluation uses it to keep a down host's alerts open instead of resolving them; notify mutes at
 * flush time with the routing config's inhibit rules (notify's {@code InhibitRule}), which by default
 * say the same.
 */
public final class InhibitionRule {

    private final Set<String> downHosts = new HashSet<>();
    private final Map<String, Rule> rules;

    public InhibitionRule(Map<String, Rule> rules, Collection<AlertRecord> alerts) {
        this.rules = rules;
        for (AlertRecord a : alerts) {
            if (a.state() == AlertState.FIRING && inhibits(a.rule())) {
                downHosts.add(a.host());
            }
        }
    }

    public boolean inhibited(AlertRecord alert) {
        return downHosts.contains(alert.host()) && !inhibits(alert.rule());
    }

    private boolean inhibits(String ruleName) {
        Rule rule = rules.get(ruleName);
        return rule != null && rule.inhibitsHost();
    }
}
