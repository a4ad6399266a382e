package dev.vigil.core.evaluate;

import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.alert.AlertStateMachine;
import dev.vigil.core.alert.AlertTransition;
import dev.vigil.core.alert.Reading;
import dev.vigil.core.alert.Resolution;
import dev.vigil.core.alert.ResolutionText;
import dev.vigil.core.rules.AlertText;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleKind;
import dev.vigil.core.rules.RuleSet;
import dev.vigil.core.rules.Thresholds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What becomes of open alerts that no reading touched in a cycle, honestly: an alert whose rule or host
 * is gone, or whose rule no longer applies to it, ends as not evaluated; one left for a later cycle
 * ({@code every}) or whose host is down stays as it is (HostDown speaks for it); one whose series went
 * quiet while its host kept sending ends as no data once the series has been silent for stale-after.
 * None of them is ever called recovered: nobody saw it recover.
 */
final class UntouchedAlerts {

    private final RuleSet ruleSet;
    private final Map<String, Rule> rules;
    private final RuleQueries queries;
    private final Set<String> activeHosts;
    private final Function<String, String> hostLabels;
    private final long staleAfter;
    private final long hostDownAfter;
    private final long now;

    /**
     * @param activeHosts   names of hosts that are not removed
     * @param hostLabels    a host's labels as they are now (canonical JSON)
     * @param hostDownAfter the HostDown window where no inhibiting absence rule says otherwise
     */
    UntouchedAlerts(RuleSet ruleSet, Map<String, Rule> rules, RuleQueries queries, Set<String> activeHosts,
                    Function<String, String> hostLabels, Duration staleAfter, Duration hostDownAfter, long now) {
        this.ruleSet = ruleSet;
        this.rules = rules;
        this.queries = queries;
        this.activeHosts = activeHosts;
        this.hostLabels = hostLabels;
        this.staleAfter = staleAfter.toMillis();
        this.hostDownAfter = hostDownAfter.toMillis();
        this.now = now;
    }

    /**
     * @param untouched     open alerts no reading touched, by key (rule, host, labels)
     * @param touched       this cycle's other transitions (a HostDown firing now marks its host down)
     * @param deferred      keys a rule with {@code every} left for a later cycle
     * @param notApplicable keys whose rule no longer applies to them, with the reason
     * @return a transition for each untouched alert, by key
     */
    Map<String, AlertTransition> settle(Map<String, AlertRecord> untouched, Collection<AlertTransition> touched,
                                        Set<String> deferred, Map<String, String> notApplicable) {
        Set<String> down = downHosts(touched);
        Map<String, AlertTransition> out = new LinkedHashMap<>();
        List<AlertRecord> quiet = new ArrayList<>();
        for (Map.Entry<String, AlertRecord> entry : untouched.entrySet()) {
            AlertRecord a = entry.getValue();
            Rule rule = rules.get(a.rule());
            if (rule == null || ruleSet.disabledEverywhere(rule)) {
                out.put(entry.getKey(), notEvaluated(a, ResolutionText.ruleRemoved(a.rule())));
            } else if (!activeHosts.contains(a.host())) {
                out.put(entry.getKey(), notEvaluated(a, ResolutionText.hostRemoved(a.host())));
            } else if (notApplicable.containsKey(entry.getKey())) {
                out.put(entry.getKey(), notEvaluated(a, notApplicable.get(entry.getKey())));
            } else if (deferred.contains(entry.getKey()) || down.contains(a.host())) {
                out.put(entry.getKey(), kept(a));
            } else {
                quiet.add(a);
            }
        }
        for (AlertTransition t : quietSeries(quiet)) {
            out.put(Reading.key(t.after().rule(), t.after().host(), t.after().labelsJson()), t);
        }
        return out;
    }

    private AlertTransition notEvaluated(AlertRecord a, String why) {
        return AlertStateMachine.resolve(a, now, Resolution.NOT_EVALUATED, ResolutionText.notEvaluated(why, lastValue(a)));
    }

    /** The alert's value as people read it; an alert written before value texts existed gets one now. */
    private String lastValue(AlertRecord a) {
        Rule rule = rules.get(a.rule());
        if (a.valueText() != null || a.value() == null || rule == null) {
            return a.valueText();
        }
        return AlertText.valueText(rule, a.value(), null, null);
    }

    /** Left as it is, but with the host's labels as they are now. */
    private AlertTransition kept(AlertRecord a) {
        String labels = hostLabels.apply(a.host());
        AlertRecord after = labels.equals(a.hostLabelsJson()) ? a : a.toBuilder().hostLabelsJson(labels).build();
        return new AlertTransition(a, after, List.of());
    }

    /**
     * Hosts that are down: an inhibiting rule (HostDown) fires for them, or they sent nothing for the
     * HostDown window (its absent-for for that host, else vigil.host-down-after), which also covers a
     * host whose HostDown is disabled, such as Vigil's own hourly "vigil" host.
     */
    private Set<String> downHosts(Collection<AlertTransition> touched) {
        Set<String> down = new HashSet<>();
        Rule absence = ruleSet.rules().stream()
                .filter(r -> r.inhibitsHost() && r.kind() == RuleKind.ABSENT && !ruleSet.disabledEverywhere(r))
                .findFirst().orElse(null);
        for (RuleQueries.HostSeen h : queries.hosts()) {
            if (h.lastSeenAt() != null && now - h.lastSeenAt() >= downAfterMillis(absence, h.host())) {
                down.add(h.host());
            }
        }
        for (AlertTransition t : touched) {
            Rule rule = rules.get(t.after().rule());
            if (t.after().state() == AlertState.FIRING && rule != null && rule.inhibitsHost()) {
                down.add(t.after().host());
            }
        }
        return down;
    }

    private long downAfterMillis(Rule absence, String host) {
        Thresholds t = absence == null ? null : ruleSet.thresholdsFor(absence, host, Map.of());
        Double seconds = t == null ? null : t.critical() != null ? t.critical() : t.warning();
        return seconds != null ? Math.round(seconds * 1000) : hostDownAfter;
    }

    /**
     * Each resolves as no data once the series it needs have been silent for stale-after: its own, and
     * the companions a reading needs (divide-by, only-if), counted from the oldest last sample (or the
     * alert's last reading, if older); until then it stays. One statement per metric involved, usually none.
     */
    private List<AlertTransition> quietSeries(List<AlertRecord> quiet) {
        Map<String, Set<Integer>> hostsByMetric = new HashMap<>();
        for (AlertRecord a : quiet) {
            for (String metric : metricsOf(rules.get(a.rule()))) {
                if (a.hostId() != null) {
                    hostsByMetric.computeIfAbsent(metric, m -> new HashSet<>()).add(a.hostId());
                }
            }
        }
        Map<String, Long> lastSample = new HashMap<>();
        hostsByMetric.forEach((metric, hostIds) -> {
            for (RuleQueries.SeriesNumber n : queries.latestOn(metric, hostIds)) {
                lastSample.put(Reading.key(metric, n.host(), n.labelsJson()), n.ts());
            }
        });
        List<AlertTransition> out = new ArrayList<>(quiet.size());
        for (AlertRecord a : quiet) {
            long since = a.updatedAt();
            List<String> metrics = metricsOf(rules.get(a.rule()));
            for (int i = 0; i < metrics.size(); i++) {
                Long ts = lastSample.get(Reading.key(metrics.get(i), a.host(), a.labelsJson()));
                if (ts == null && i > 0) {
                    // a companion with the same labels, else the host's unlabelled one (cpu_count)
                    ts = lastSample.get(Reading.key(metrics.get(i), a.host(), "{}"));
                }
                since = ts == null ? since : Math.min(since, ts);
            }
            out.add(now - since >= staleAfter
                    ? AlertStateMachine.resolve(a, now, Resolution.NO_DATA, ResolutionText.noData(since, now, lastValue(a)))
                    : kept(a));
        }
        return out;
    }

    /** The rule's own metric first, then the companions its readings need. */
    private static List<String> metricsOf(Rule rule) {
        List<String> metrics = new ArrayList<>(3);
        if (rule.metric() != null) {
            metrics.add(rule.metric());
            if (rule.divideBy() != null) {
                metrics.add(rule.divideBy());
            }
            if (rule.onlyIf() != null) {
                metrics.add(rule.onlyIf().metric());
            }
        }
        return metrics;
    }
}
