package dev.vigil.core.alert;

import dev.vigil.core.rules.Rule;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** While an inhibiting alert (HostDown) fires for a host, that host's other alerts are inhibited. */
final class InhibitionRule {

    private final Set<String> downHosts = new HashSet<>();
    private final Map<String, Rule> rules;

    InhibitionRule(Map<String, Rule> rules, Collection<AlertRecord> alerts) {
        this.rules = rules;
        for (AlertRecord a : alerts) {
            if (a.state() == AlertState.FIRING && inhibits(a.rule())) {
                downHosts.add(a.host());
            }
        }
    }

    boolean hostDown(String host) {
        return downHosts.contains(host);
    }

    boolean inhibited(AlertRecord alert) {
        return downHosts.contains(alert.host()) && !inhibits(alert.rule());
    }

    boolean inhibits(String ruleName) {
        Rule rule = rules.get(ruleName);
        return rule != null && rule.inhibitsHost();
    }
}
