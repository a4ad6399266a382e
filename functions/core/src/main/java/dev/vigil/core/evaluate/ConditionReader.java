package dev.vigil.core.evaluate;

import dev.vigil.core.alert.Reading;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleKind;
import dev.vigil.core.rules.Unit;
import dev.vigil.core.sample.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one rule into the readings of every series (or host) it applies to, with a handful of bulk
 * queries. Latest values of companion metrics (divisors, guards) are read once per cycle.
 *
 * <p>Numbers are read by series id first; host names and labels (the wide series rows) are read only
 * for the series that can matter: those whose number crosses one of the rule's warning or critical
 * levels, its own or any override's (the most permissive decides), and every series of a host with an
 * open alert of the rule, so that alert can hold, clear (clear levels apply only to open alerts), be
 * deferred or end as not applicable. Any other series would give the state machine nothing to do.
 */
final class ConditionReader {

    private final RuleQueries queries;
    private final EvaluateProperties properties;
    private final long now;
    private final Long lastRun;
    private final Map<String, java.util.Set<Integer>> openHostsByRule;
    private final dev.vigil.core.rules.RuleSet ruleSet;
    private final Map<String, Map<Integer, List<RuleQueries.SeriesValue>>> latestByMetric = new HashMap<>();
    private final java.util.Set<String> deferred = new java.util.HashSet<>();
    private final Map<String, String> notApplicable = new HashMap<>();
    private final Map<String, String> guardReasons = new HashMap<>();
    private int evaluated;

    /**
     * @param ruleSet         whose overrides of a rule widen the levels a number is tested against before its labels are read
     * @param openHostsByRule per rule name, the hosts with an open alert of it: their series are always read whole
     */
    ConditionReader(RuleQueries queries, EvaluateProperties properties, long now, Long lastRun,
                    dev.vigil.core.rules.RuleSet ruleSet, Map<String, java.util.Set<Integer>> openHostsByRule) {
        this.queries = queries;
        this.properties = properties;
        this.now = now;
        this.lastRun = lastRun;
        this.ruleSet = ruleSet;
        this.openHostsByRule = openHostsByRule;
    }

    /** Keys (rule, host, labels) of series a rule with {@code every} left for a later cycle: their alerts stay. */
    java.util.Set<String> deferred() {
        return deferred;
    }

    /**
     * Keys (rule, host, labels) of fresh series the rule no longer applies to (its labels or its
     * {@code only-if} do not hold), with the reason: their alerts end as not evaluated rather than recovered.
     */
    Map<String, String> notApplicable() {
        return notApplicable;
    }

    /** Series (or hosts) evaluated so far, including those that could not matter and were not read further. */
    int evaluated() {
        return evaluated;
    }

    private boolean hasOpenAlert(Rule rule, int hostId) {
        java.util.Set<Integer> hosts = openHostsByRule.get(rule.name());
        return hosts != null && hosts.contains(hostId);
    }

    /** Whether {@code tested} crosses a warning or critical level of the rule or of any of its overrides. */
    private boolean mayCross(Rule rule, double tested) {
        dev.vigil.core.rules.Thresholds t = rule.thresholds();
        if (crosses(t.comparison(), tested, t.warning()) || crosses(t.comparison(), tested, t.critical())) {
            return true;
        }
        for (dev.vigil.core.rules.RuleOverride o : ruleSet.overridesOf(rule.name())) {
            if (crosses(t.comparison(), tested, o.warning()) || crosses(t.comparison(), tested, o.critical())) {
                return true;
            }
        }
        return false;
    }

    private static boolean crosses(dev.vigil.core.rules.Comparison comparison, double tested, Double level) {
        return level != null && comparison.holds(tested, level);
    }

    /**
     * The due series of the rule's metric. A series left for a later cycle matters only when its host has
     * an open alert of the rule (that alert stays as it is): only those are remembered, by key, which
     * needs their labels.
     */
    private List<RuleQueries.SeriesMeta> dueSeries(Rule rule) {
        List<RuleQueries.SeriesMeta> due = new ArrayList<>();
        List<RuleQueries.SeriesMeta> deferredWithAlerts = new ArrayList<>();
        for (RuleQueries.SeriesMeta m : queries.seriesOf(rule.metric())) {
            if (rule.dueFor(m.id(), now, lastRun)) {
                due.add(m);
            } else if (hasOpenAlert(rule, m.hostId())) {
                deferredWithAlerts.add(m);
            }
        }
        List<Long> ids = new ArrayList<>();
        deferredWithAlerts.forEach(m -> ids.add(m.id()));
        queries.readLabels(ids);
        for (RuleQueries.SeriesMeta m : deferredWithAlerts) {
            deferred.add(Reading.key(rule.name(), queries.hostName(m.hostId()), queries.labelsOf(m.id())));
        }
        return due;
    }

    List<Reading> read(Rule rule) {
        return switch (rule.kind()) {
            case ABSENT -> absent(rule);
            case TREND -> trend(rule);
            case THRESHOLD -> threshold(rule);
        };
    }

    private List<Reading> absent(Rule rule) {
        List<Reading> out = new ArrayList<>();
        for (RuleQueries.HostSeen h : queries.hosts()) {
            if (h.lastSeenAt() == null) {
                continue;
            }
            if (!rule.dueFor(h.hostId(), now, lastRun)) {
                deferred.add(Reading.key(rule.name(), h.host(), "{}"));
                continue;
            }
            evaluated++;
            double silentSeconds = Math.max(0, now - h.lastSeenAt()) / 1000.0;
            out.add(new Reading(h.hostId(), h.host(), "{}", silentSeconds, silentSeconds, null));
        }
        return out;
    }

    private record TrendCandidate(RuleQueries.TrendSums sums, double tested, @io.micronaut.core.annotation.Nullable Long predictedAt) {
    }

    private List<Reading> trend(Rule rule) {
        List<TrendCandidate> candidates = new ArrayList<>();
        for (RuleQueries.TrendSums t : queries.trend(rule.metric(), dueSeries(rule), now - rule.windowMillis(), now, freshSince(),
                properties.getTrendMinSamples())) {
            if (t.n() < properties.getTrendMinSamples()
                    || t.maxTs() - t.minTs() < properties.getTrendMinSpan().toMillis()) {
                continue;
            }
            evaluated++;
            Long until = TrendPredictor.millisUntil(t.n(), t.sx(), t.sy(), t.sxy(), t.sxx(), t.latest(), rule.level());
            // not heading for the level: a reading far beyond any horizon, so an open alert resolves
            double tested = until == null ? Double.MAX_VALUE : until;
            if (mayCross(rule, tested) || hasOpenAlert(rule, t.hostId())) {
                candidates.add(new TrendCandidate(t, tested, until == null ? null : now + until));
            }
        }
        List<Long> ids = new ArrayList<>();
        candidates.forEach(c -> ids.add(c.sums().seriesId()));
        queries.readLabels(ids);
        prefetchCompanions(rule, candidates.stream().map(c -> c.sums().hostId()).toList());
        List<Reading> out = new ArrayList<>();
        for (TrendCandidate c : candidates) {
            RuleQueries.TrendSums t = c.sums();
            String host = queries.hostName(t.hostId());
            String labelsJson = queries.labelsOf(t.seriesId());
            if (!applies(rule, t.hostId(), host, labelsJson)) {
                continue;
            }
            out.add(new Reading(t.hostId(), host, labelsJson, c.tested(), t.latest(), c.predictedAt()));
        }
        return out;
    }

    private List<Reading> threshold(Rule rule) {
        boolean last = rule.aggregation() == dev.vigil.core.rules.Aggregation.LAST;
        List<RuleQueries.SeriesValue> numbers = last
                ? queries.latestValues(rule.metric(), freshSince())
                : queries.window(rule.metric(), dueSeries(rule), rule.aggregation(), now - rule.windowMillis(), now);
        List<RuleQueries.SeriesValue> candidates = new ArrayList<>();
        List<RuleQueries.SeriesValue> deferredWithAlerts = new ArrayList<>();
        for (RuleQueries.SeriesValue n : numbers) {
            boolean openHere = hasOpenAlert(rule, n.hostId());
            if (last && !rule.dueFor(n.seriesId(), now, lastRun)) {
                if (openHere) {
                    deferredWithAlerts.add(n);
                }
                continue;
            }
            evaluated++;
            if (openHere || (rule.divideBy() == null ? mayCross(rule, n.value()) : mayCrossDivided(rule, n))) {
                candidates.add(n);
            }
        }
        List<Long> ids = new ArrayList<>();
        candidates.forEach(n -> ids.add(n.seriesId()));
        deferredWithAlerts.forEach(n -> ids.add(n.seriesId()));
        queries.readLabels(ids);
        List<Integer> hostIds = new ArrayList<>();
        candidates.forEach(n -> hostIds.add(n.hostId()));
        deferredWithAlerts.forEach(n -> hostIds.add(n.hostId()));
        prefetchCompanions(rule, hostIds);
        for (RuleQueries.SeriesValue n : deferredWithAlerts) {
            String host = queries.hostName(n.hostId());
            String labelsJson = queries.labelsOf(n.seriesId());
            // as for a due series, a rule that no longer applies ends the alert even in a cycle that skips it
            if (applies(rule, n.hostId(), host, labelsJson)) {
                deferred.add(Reading.key(rule.name(), host, labelsJson));
            }
        }
        List<Reading> out = new ArrayList<>(candidates.size());
        for (RuleQueries.SeriesValue n : candidates) {
            String host = queries.hostName(n.hostId());
            String labelsJson = queries.labelsOf(n.seriesId());
            if (!applies(rule, n.hostId(), host, labelsJson)) {
                continue;
            }
            if (rule.divideBy() == null) {
                out.add(new Reading(n.hostId(), host, labelsJson, n.value(), n.value(), null));
                continue;
            }
            // no divisor (stale or zero) is no reading: an open alert waits for stale-after, as for missing data
            RuleQueries.SeriesValue divisor = companion(rule.divideBy(), n.hostId(), labelsJson);
            if (divisor != null && divisor.value() != 0) {
                double ratio = n.value() / divisor.value();
                out.add(new Reading(n.hostId(), host, labelsJson, ratio, ratio, null, n.value()));
            }
        }
        return out;
    }

    /** Whether the ratio to any divisor series of the same host could cross: the one that applies is among them. */
    private boolean mayCrossDivided(Rule rule, RuleQueries.SeriesValue n) {
        for (RuleQueries.SeriesValue d : companionsOn(rule.divideBy(), n.hostId())) {
            if (d.value() != 0 && mayCross(rule, n.value() / d.value())) {
                return true;
            }
        }
        return false;
    }

    /** Reads, in bulk, the labels of the divisor and guard series on these hosts, which {@link #companion} matches by labels. */
    private void prefetchCompanions(Rule rule, List<Integer> hostIds) {
        List<Long> ids = new ArrayList<>();
        for (String metric : new String[] {rule.divideBy(), rule.onlyIf() == null ? null : rule.onlyIf().metric()}) {
            if (metric == null) {
                continue;
            }
            for (int hostId : new java.util.HashSet<>(hostIds)) {
                companionsOn(metric, hostId).forEach(v -> ids.add(v.seriesId()));
            }
        }
        queries.readLabels(ids);
    }

    /**
     * Whether the rule's labels and {@code only-if} hold for a series. A guard whose companion has no
     * fresh value is unknown, not false: such a series gives no reading and is not marked not applicable.
     */
    private boolean applies(Rule rule, int hostId, String host, String labelsJson) {
        if (!rule.labels().isEmpty() && !rule.appliesTo(Labels.fromJson(labelsJson))) {
            notApplicable.put(Reading.key(rule.name(), host, labelsJson), "no longer matches these labels");
            return false;
        }
        if (rule.onlyIf() == null) {
            return true;
        }
        Rule.Guard guard = rule.onlyIf();
        RuleQueries.SeriesValue g = companion(guard.metric(), hostId, labelsJson);
        if (g == null) {
            return false;
        }
        if (!guard.comparison().holds(g.value(), guard.value())) {
            // every small disk fails DiskFreeLow's guard every cycle: word the reason once per rule
            notApplicable.put(Reading.key(rule.name(), host, labelsJson), guardReasons.computeIfAbsent(rule.name(),
                    r -> "applies only if " + guard.metric() + " " + guard.comparison().symbol() + " "
                            + Unit.forMetric(RuleKind.THRESHOLD, guard.metric(), false).format(guard.value())));
            return false;
        }
        return true;
    }

    /** The fresh series of another metric on a host. */
    private List<RuleQueries.SeriesValue> companionsOn(String metric, int hostId) {
        Map<Integer, List<RuleQueries.SeriesValue>> byHost = latestByMetric.computeIfAbsent(metric, m -> {
            Map<Integer, List<RuleQueries.SeriesValue>> map = new HashMap<>();
            for (RuleQueries.SeriesValue v : queries.latestValues(m, freshSince())) {
                map.computeIfAbsent(v.hostId(), h -> new ArrayList<>(2)).add(v);
            }
            return map;
        });
        return byHost.getOrDefault(hostId, List.of());
    }

    /**
     * The same host's series of another metric with the same labels, else with no labels (cpu_count).
     * Its labels were read by {@link #prefetchCompanions}.
     */
    private RuleQueries.SeriesValue companion(String metric, int hostId, String labelsJson) {
        RuleQueries.SeriesValue bare = null;
        for (RuleQueries.SeriesValue v : companionsOn(metric, hostId)) {
            String l = queries.labelsOf(v.seriesId());
            if (l.equals(labelsJson)) {
                return v;
            }
            if (l.equals("{}")) {
                bare = v;
            }
        }
        return bare;
    }

    private long freshSince() {
        return now - properties.getStaleAfter().toMillis();
    }
}
