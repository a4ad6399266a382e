package dev.vigil.core.evaluate;

import dev.vigil.core.alert.AlertEventKind;
import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.alert.AlertStateMachine;
import dev.vigil.core.alert.AlertStore;
import dev.vigil.core.alert.AlertTransition;
import dev.vigil.core.alert.Reading;
import dev.vigil.core.alert.ResolutionText;
import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.db.Sql;
import dev.vigil.core.job.JobNames;
import dev.vigil.core.job.JobRunRecorder;
import dev.vigil.core.lease.LeaseManager;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleSet;
import dev.vigil.core.rules.RuleSetProvider;
import dev.vigil.core.rules.Thresholds;
import dev.vigil.core.silence.InhibitionRule;
import dev.vigil.core.silence.Muting;
import dev.vigil.core.silence.SilenceStore;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One evaluation: every enabled rule over all hosts (or one shard's hosts), then the alert lifecycle,
 * silences and inhibition, written in one transaction. Only the holder of the shard's lease ("evaluate"
 * for a single evaluator) runs it, so overlapping schedules (Lambda can overlap) do not duplicate alerts
 * or events; different shards touch disjoint hosts' alerts and may run at once.
 */
@Singleton
public class EvaluationCycle {

    public static final String JOB = JobNames.EVALUATE;
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationCycle.class);

    /**
     * Shards write their alerts at the same time; InnoDB can still pick one of them as a deadlock victim (an
     * alert opened again right after its fingerprint was resolved locks the gap around the old index entry).
     * The victim's transaction was rolled back whole, so running it again is the same cycle, not a second one.
     */
    static final int DEADLOCK_ATTEMPTS = 3;

    private final RuleSetProvider rules;
    private final LeaseManager leases;
    private final JobRunRecorder runs;
    private final TransactionOperations<Connection> transactions;
    private final EvaluateProperties properties;
    private final VigilProperties vigil;
    private final Clock clock;

    public EvaluationCycle(RuleSetProvider rules, LeaseManager leases, JobRunRecorder runs,
                           TransactionOperations<Connection> transactions, EvaluateProperties properties,
                           VigilProperties vigil, Clock clock) {
        if (properties.getStaleAfter().compareTo(vigil.getHostDownAfter()) <= 0) {
            // otherwise a host going quiet would have its alerts closed as "no data" before it counts as down
            throw new ConfigurationException("vigil.evaluate.stale-after (" + properties.getStaleAfter()
                    + ") must be longer than vigil.host-down-after (" + vigil.getHostDownAfter() + ")");
        }
        try {
            properties.shard();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        this.rules = rules;
        this.leases = leases;
        this.runs = runs;
        this.transactions = transactions;
        this.properties = properties;
        this.vigil = vigil;
        this.clock = clock;
    }

    /**
     * The configured shard ({@code vigil.evaluate.shard} of {@code shards}; the whole fleet by default).
     *
     * @return the report, or empty when another run holds the lease and this one skipped
     */
    public Optional<EvaluationReport> runOnce() {
        return runOnce(properties.shard());
    }

    /** One shard's hosts, under that shard's lease and job name; {@link EvaluationShard#ALL} is the whole fleet. */
    public Optional<EvaluationReport> runOnce(EvaluationShard shard) {
        String job = shard.jobName();
        Optional<LeaseManager.Lease> lease = leases.tryAcquire(job, properties.getLeaseTtl());
        if (lease.isEmpty()) {
            LOG.debug("another evaluation holds the lease {}; skipping", job);
            return Optional.empty();
        }
        try (LeaseManager.Lease held = lease.get()) {
            return Optional.of(runs.record(job, () -> evaluate(shard, clock.millis())));
        }
    }

    private EvaluationReport evaluate(EvaluationShard shard, long now) {
        long started = System.nanoTime();
        RuleSet ruleSet = rules.current();
        Long lastRun = runs.lastSuccessAt(shard.jobName()).orElse(null);
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> Sql.call("evaluation failed", () ->
                        evaluate(status.getConnection(), shard, ruleSet, now, lastRun, started)));
            } catch (RuntimeException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || !rolledBackAsDeadlockVictim(e)) {
                    throw e;
                }
                LOG.warn("{}: chosen as a deadlock victim and rolled back; evaluating again (attempt {})",
                        shard.jobName(), attempt + 1);
            }
        }
    }

    /** SQLSTATE 40001: MySQL/MariaDB error 1213 (deadlock) and H2's deadlock, the transaction rolled back. */
    private static boolean rolledBackAsDeadlockVictim(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private EvaluationReport evaluate(Connection c, EvaluationShard shard, RuleSet ruleSet, long now, Long lastRun,
                                      long started) throws SQLException {
        RuleQueries queries = new RuleQueries(c, shard);
        AlertStore store = new AlertStore(c);
        DiskExplanations disks = new DiskExplanations(queries, now);
        Map<String, RuleQueries.HostSeen> hosts = new HashMap<>();
        queries.hosts().forEach(h -> hosts.put(h.host(), h));
        Map<String, String> hostLabels = new HashMap<>();
        Function<String, String> labelsOf = host -> hostLabels.computeIfAbsent(host, h -> HostLabels.canonical(h,
                hosts.containsKey(h) ? hosts.get(h).labelsJson() : null));

        // keyed by rule, host and labels rather than the fingerprint, which would cost a hash per series
        Map<String, AlertRecord> open = new HashMap<>();
        List<AlertRecord> openCapAlerts = new ArrayList<>();
        for (AlertRecord a : store.loadOpen(AlertCap.RULE)) {
            if (a.hostId() == null) {
                if (shard.ownsCapAlert(AlertCap.shardOf(a))) {
                    openCapAlerts.add(a);
                }
            } else if (shard.owns(a.hostId())) {
                open.put(Reading.key(a.rule(), a.host(), a.labelsJson()), a);
            }
        }
        Map<String, Rule> byName = new LinkedHashMap<>();
        ruleSet.rules().forEach(r -> byName.put(r.name(), r));
        ConditionReader reader = new ConditionReader(queries, properties, now, lastRun, ruleSet, openHostsByRule(open.values()));

        Map<String, AlertTransition> transitions = new LinkedHashMap<>();
        AlertCap cap = new AlertCap(properties.getMaxNewAlertsPerRule(), shard);
        Map<String, String> disabledHere = new HashMap<>();
        int evaluatedRules = 0;
        Map<String, Long> ruleMillis = new HashMap<>();
        for (Rule rule : ruleSet.rules()) {
            if (ruleSet.disabledEverywhere(rule)) {
                continue;
            }
            evaluatedRules++;
            long ruleStarted = System.nanoTime();
            List<Reading> ruleReadings = reader.read(rule);
            RecentLogLines logLines = RecentLogLines.load(c, rule, ruleReadings, open.values(), now);
            ruleMillis.put(rule.name(), (System.nanoTime() - ruleStarted) / 1_000_000);
            for (Reading reading : ruleReadings) {
                String key = reading.key(rule.name());
                Thresholds thresholds = ruleSet.thresholdsFor(rule, reading.host(), reading::labels);
                if (thresholds == null) {
                    disabledHere.put(key, ResolutionText.notApplicable(rule, "is disabled here by an override"));
                    continue;
                }
                AlertTransition t = AlertStateMachine.step(rule, thresholds, reading, open.remove(key), now,
                        labelsOf.apply(reading.host()), disks, logLines.varsFor(reading));
                if (t != null && t.before() == null) {
                    cap.offer(rule.name(), t);
                } else if (t != null) {
                    transitions.put(key, t);
                }
            }
        }
        for (AlertTransition t : cap.admitted()) {
            transitions.put(Reading.key(t.after().rule(), t.after().host(), t.after().labelsJson()), t);
        }

        List<AlertRecord> current = new ArrayList<>(open.values());
        transitions.values().forEach(t -> current.add(t.after()));
        Map<String, String> notApplicable = new HashMap<>(reader.notApplicable());
        notApplicable.putAll(disabledHere);
        UntouchedAlerts untouched = new UntouchedAlerts(ruleSet, byName, queries, hosts.keySet(), labelsOf,
                properties.getStaleAfter(), vigil.getHostDownAfter(), now);
        transitions.putAll(untouched.settle(open, transitions.values(), reader.deferred(), notApplicable));
        int readings = reader.evaluated();

        SilenceStore silences = new SilenceStore(c);
        Muting muting = new Muting(silences.active(now), new InhibitionRule(byName, current));
        List<AlertRecord> updates = new ArrayList<>();
        List<AlertStore.Event> events = new ArrayList<>();
        int created = 0;
        int fired = 0;
        int resolved = 0;
        int stillOpen = 0;
        for (AlertTransition t : transitions.values()) {
            AlertRecord after = t.after();
            if (after.open()) {
                after = muting.apply(after);
                stillOpen++;
            }
            if (t.before() != null && t.before().equals(after) && t.events().isEmpty()) {
                continue;
            }
            if (t.before() == null) {
                after = store.insert(after);
                if (after == null) {
                    continue;
                }
                created++;
            } else {
                updates.add(after);
            }
            for (AlertEventKind kind : t.events()) {
                events.add(new AlertStore.Event(after.id(), kind, after.severity(), after.value(), now, detail(kind, after)));
                fired += kind == AlertEventKind.FIRING ? 1 : 0;
            }
            resolved += after.open() || t.before() == null || !t.before().open() ? 0 : 1;
        }
        store.update(updates);
        events.addAll(cap.updateMetaAlerts(store, openCapAlerts, now));
        store.appendEvents(events);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String slowest = ruleMillis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getKey() + "=" + e.getValue() + "ms").reduce((a, b) -> a + " " + b).orElse("");
        return new EvaluationReport(now, evaluatedRules, readings, stillOpen, created, fired, resolved, events.size(),
                cap.heldBack(), queries.statements() + store.statements() + silences.statements(), millis, slowest);
    }

    /**
     * What the next cycle would make of one rule (saved or not): the alerts of that rule it would hold
     * pending or firing, with the values, silences and inhibition it would give them, through the same
     * readings, overrides, state machine and cap as {@link #runOnce()}. Reads only; stores nothing.
     * Every series counts as due (a rule with {@code every} is previewed whole).
     *
     * @param heldBack new alerts the per-rule cap would hold back this cycle
     */
    public record DryRun(List<AlertRecord> alerts, int heldBack) {
    }

    /** @param ruleSet the rules in force, whose overrides of {@code rule}'s name apply */
    public DryRun dryRun(Rule rule, RuleSet ruleSet) {
        long now = clock.millis();
        return transactions.executeRead(status -> Sql.call("preview failed", () ->
                dryRun(status.getConnection(), rule, ruleSet, now)));
    }

    private DryRun dryRun(Connection c, Rule rule, RuleSet ruleSet, long now) throws SQLException {
        RuleQueries queries = new RuleQueries(c);
        AlertStore store = new AlertStore(c);
        DiskExplanations disks = new DiskExplanations(queries, now);
        Map<String, String> hostLabels = new HashMap<>();
        queries.hosts().forEach(h -> hostLabels.put(h.host(), HostLabels.canonical(h.host(), h.labelsJson())));
        Map<String, AlertRecord> open = new HashMap<>();
        List<AlertRecord> otherRules = new ArrayList<>();
        for (AlertRecord a : store.loadOpen(AlertCap.RULE)) {
            if (a.hostId() != null && a.rule().equals(rule.name())) {
                open.put(Reading.key(a.rule(), a.host(), a.labelsJson()), a);
            } else if (a.hostId() != null) {
                otherRules.add(a);
            }
        }
        List<AlertRecord> alerts = new ArrayList<>();
        int heldBack = 0;
        ConditionReader reader = new ConditionReader(queries, properties, now, null, ruleSet, openHostsByRule(open.values()));
        if (!ruleSet.disabledEverywhere(rule)) {
            List<Reading> readings = reader.read(rule);
            RecentLogLines logLines = RecentLogLines.load(c, rule, readings, open.values(), now);
            AlertCap cap = new AlertCap(properties.getMaxNewAlertsPerRule());
            for (Reading reading : readings) {
                Thresholds thresholds = ruleSet.thresholdsFor(rule, reading.host(), reading::labels);
                if (thresholds == null) {
                    continue;
                }
                AlertTransition t = AlertStateMachine.step(rule, thresholds, reading, open.get(reading.key(rule.name())), now,
                        hostLabels.computeIfAbsent(reading.host(), h -> HostLabels.canonical(h, null)), disks,
                        logLines.varsFor(reading));
                if (t != null && t.before() == null) {
                    cap.offer(rule.name(), t);
                } else if (t != null && t.after().open()) {
                    alerts.add(t.after());
                }
            }
            cap.admitted().forEach(t -> alerts.add(t.after()));
            heldBack = cap.heldBack();
        }
        Map<String, Rule> byName = new LinkedHashMap<>();
        ruleSet.rules().forEach(r -> byName.put(r.name(), r));
        byName.put(rule.name(), rule);
        List<AlertRecord> current = new ArrayList<>(otherRules);
        current.addAll(alerts);
        Muting muting = new Muting(new SilenceStore(c).active(now), new InhibitionRule(byName, current));
        return new DryRun(alerts.stream().map(muting::apply).toList(), heldBack);
    }

    /** Per rule, the hosts with an open alert of it (whose series are read whole, so the alerts can hold or clear). */
    private static Map<String, java.util.Set<Integer>> openHostsByRule(Iterable<AlertRecord> open) {
        Map<String, java.util.Set<Integer>> out = new HashMap<>();
        for (AlertRecord a : open) {
            if (a.hostId() != null) {
                out.computeIfAbsent(a.rule(), r -> new java.util.HashSet<>()).add(a.hostId());
            }
        }
        return out;
    }

    /** The timeline's sentence: why it resolved, else the value against its threshold. */
    private static String detail(AlertEventKind kind, AlertRecord a) {
        if (kind == AlertEventKind.RESOLVED) {
            return a.resolutionText();
        }
        if (a.valueText() == null) {
            return null;
        }
        return a.thresholdText() == null ? a.valueText() : a.valueText() + " (threshold " + a.thresholdText() + ")";
    }
}
