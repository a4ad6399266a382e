package dev.vigil.ingest.rule;

import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleSetProvider;
import dev.vigil.core.sample.Labels;
import dev.vigil.notify.route.Route;
import dev.vigil.notify.route.Routing;
import dev.vigil.notify.route.RoutingSource;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Previews a rule: the evaluation cycle's own dry run (same readings, overrides, state machine, cap,
 * silences and inhibition) and, for each alert, the receivers notify's routing tree reaches with the labels
 * notify would route on (host labels, alert labels, alertname, host, severity).
 */
@Singleton
class RulePreviewer {

    private final EvaluationCycle cycle;
    private final RuleSetProvider rules;
    private final RoutingSource routing;
    private final Clock clock;

    RulePreviewer(EvaluationCycle cycle, RuleSetProvider rules, RoutingSource routing, Clock clock) {
        this.cycle = cycle;
        this.rules = rules;
        this.routing = routing;
        this.clock = clock;
    }

    RulePreview preview(Rule rule) {
        long now = clock.millis();
        EvaluationCycle.DryRun run = cycle.dryRun(rule, rules.current());
        Routing r = routing.current();
        List<PreviewedAlert> alerts = new ArrayList<>();
        int pending = 0;
        int firing = 0;
        for (AlertRecord a : run.alerts()) {
            boolean fires = a.state() == AlertState.FIRING;
            firing += fires ? 1 : 0;
            pending += fires ? 0 : 1;
            List<String> receivers = receivers(r, a);
            alerts.add(new PreviewedAlert(a.host(), Labels.fromJson(a.labelsJson()), a.state().wire(), a.severity().wire(),
                    a.value(), a.valueText(), a.threshold(), a.thresholdText(), a.summary(), a.silenced(), a.inhibited(),
                    receivers, fires && !a.silenced() && !a.inhibited() && !receivers.isEmpty()));
        }
        alerts.sort(java.util.Comparator.comparing(PreviewedAlert::host).thenComparing(p -> p.labels().toString()));
        return new RulePreview(rule.name(), now, pending, firing, run.heldBack(), alerts);
    }

    private static List<String> receivers(Routing r, AlertRecord a) {
        Map<String, String> labels = new TreeMap<>(a.hostLabelsJson() == null ? Map.of() : Labels.fromJson(a.hostLabelsJson()));
        labels.putAll(Labels.fromJson(a.labelsJson()));
        labels.put("alertname", a.rule());
        labels.put("host", a.host());
        labels.put("severity", a.severity().wire());
        Set<String> names = new LinkedHashSet<>();
        for (Route route : r.root().match(labels)) {
            // a receiver without integrations (the default tree's "null") reaches nobody
            if (r.receiver(route.receiver()).map(rc -> !rc.integrations().isEmpty()).orElse(false)) {
                names.add(route.receiver());
            }
        }
        return List.copyOf(names);
    }
}
