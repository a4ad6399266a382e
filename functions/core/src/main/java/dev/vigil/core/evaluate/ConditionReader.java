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
 */
final class ConditionReader {

    private final RuleQueries queries;
    private final EvaluateProperties properties;
    private final long now;
    private final Long lastRun;
    private final Map<String, Map<String, RuleQueries.SeriesNumber>> latestByMetric = new HashMap<>();
    private final java.util.Set<String> deferred = new java.util.HashSet<>();
    private final Map<String, String> notApplicable = new HashMap<>();
    private final Map<String, String> guardReasons = new HashMap<>();

    ConditionReader(RuleQueries queries, EvaluateProperties properties, long now, Long lastRun) {
        this.queries = queries;
        this.properties = properties;
        this.now = now;
        this.lastRun = lastRun;
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

    private List<RuleQueries.SeriesMeta> dueSeries(Rule rule) {
        List<RuleQueries.SeriesMeta> due = new ArrayList<>();
        for (RuleQueries.SeriesMeta m : queries.seriesOf(rule.metric())) {
            if (rule.dueFor(m.id(), now, lastRun)) {
                due.add(m);
            } else {
                deferred.add(Reading.key(rule.name(), m.host(), m.labelsJson()));
            }
        }
        return due;
    }

    private boolean due(Rule rule, long id, String host, String labelsJson) {
        if (rule.dueFor(id, now, lastRun)) {
            return true;
        }
        deferred.add(Reading.key(rule.name(), host, labelsJson));
        return false;
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
            if (h.lastSeenAt() == null || !due(rule, h.hostId(), h.host(), "{}")) {
                continue;
            }
            double silentSeconds = Math.max(0, now - h.lastSeenAt()) / 1000.0;
            out.add(new Reading(h.hostId(), h.host(), "{}", silentSeconds, silentSeconds, null));
        }
        return out;
    }

    private List<Reading> trend(Rule rule) {
        List<Reading> out = new ArrayList<>();
        for (RuleQueries.TrendSums t : queries.trend(rule.metric(), dueSeries(rule), now - rule.windowMillis(), now, freshSince(),
                properties.getTrendMinSamples())) {
            if (t.n() < properties.getTrendMinSamples()
                    || t.maxTs() - t.minTs() < properties.getTrendMinSpan().toMillis()) {
                continue;
            }
            if (!applies(rule, t.hostId(), t.host(), t.labelsJson())) {
                continue;
            }
            Long until = TrendPredictor.millisUntil(t.n(), t.sx(), t.sy(), t.sxy(), t.sxx(), t.latest(), rule.level());
            if (until == null) {
                // not heading for the level: a reading far beyond any horizon, so an open alert resolves
                out.add(new Reading(t.hostId(), t.host(), t.labelsJson(), Double.MAX_VALUE, t.latest(), null));
            } else {
                out.add(new Reading(t.hostId(), t.host(), t.labelsJson(), until, t.latest(), now + until));
            }
        }
        return out;
    }

    private List<Reading> threshold(Rule rule) {
        List<RuleQueries.SeriesNumber> numbers = rule.aggregation() == dev.vigil.core.rules.Aggregation.LAST
                ? queries.latest(rule.metric(), freshSince())
                : queries.window(rule.metric(), dueSeries(rule), rule.aggregation(), now - rule.windowMillis(), now);
        List<Reading> out = new ArrayList<>(numbers.size());
        for (RuleQueries.SeriesNumber n : numbers) {
            if (!applies(rule, n.hostId(), n.host(), n.labelsJson())
                    || (rule.aggregation() == dev.vigil.core.rules.Aggregation.LAST && !due(rule, n.seriesId(), n.host(), n.labelsJson()))) {
                continue;
            }
            if (rule.divideBy() == null) {
                out.add(new Reading(n.hostId(), n.host(), n.labelsJson(), n.value(), n.value(), null));
                continue;
            }
            // no divisor (stale or zero) is no reading: an open alert waits for stale-after, as for missing data
            RuleQueries.SeriesNumber divisor = companion(rule.divideBy(), n.hostId(), n.labelsJson());
            if (divisor != null && divisor.value() != 0) {
                double ratio = n.value() / divisor.value();
                out.add(new Reading(n.hostId(), n.host(), n.labelsJson(), ratio, ratio, null, n.value()));
            }
        }
        return out;
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
        RuleQueries.SeriesNumber g = companion(guard.metric(), hostId, labelsJson);
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

    /** The same host's series of another metric with the same labels, else with no labels (cpu_count). */
    private RuleQueries.SeriesNumber companion(String metric, int hostId, String labelsJson) {
        Map<String, RuleQueries.SeriesNumber> byKey = latestByMetric.computeIfAbsent(metric, m -> {
            Map<String, RuleQueries.SeriesNumber> map = new HashMap<>();
            for (RuleQueries.SeriesNumber n : queries.latest(m, freshSince())) {
                map.put(n.hostId() + "\u0000" + n.labelsJson(), n);
            }
            return map;
        });
        RuleQueries.SeriesNumber exact = byKey.get(hostId + "\u0000" + labelsJson);
        return exact != null ? exact : byKey.get(hostId + "\u0000{}");
    }

    private long freshSince() {
        return now - properties.getStaleAfter().toMillis();
    }
}
