package dev.vigil.core.alert;

import dev.vigil.core.db.StorageException;
import dev.vigil.core.job.JobRunRecorder;
import dev.vigil.core.lease.LeaseManager;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleSet;
import dev.vigil.core.rules.RuleSetProvider;
import dev.vigil.core.rules.Thresholds;
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

/**
 * One evaluation: every enabled rule over all hosts, then the alert lifecycle, silences and
 * inhibition, written in one transaction. Only the holder of the "evaluate" lease runs it, so
 * overlapping schedules (Lambda can overlap) do not duplicate alerts or events.
 */
@Singleton
public class EvaluationCycle {

    public static final String JOB = "evaluate";
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationCycle.class);

    private final RuleSetProvider rules;
    private final LeaseManager leases;
    private final JobRunRecorder runs;
    private final TransactionOperations<Connection> transactions;
    private final EvaluateProperties properties;
    private final Clock clock;

    public EvaluationCycle(RuleSetProvider rules, LeaseManager leases, JobRunRecorder runs,
                           TransactionOperations<Connection> transactions, EvaluateProperties properties, Clock clock) {
        this.rules = rules;
        this.leases = leases;
        this.runs = runs;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return the report, or empty when another run holds the lease and this one skipped */
    public Optional<EvaluationReport> runOnce() {
        Optional<LeaseManager.Lease> lease = leases.tryAcquire(JOB, properties.getLeaseTtl());
        if (lease.isEmpty()) {
            LOG.debug("another evaluation holds the lease; skipping");
            return Optional.empty();
        }
        try (LeaseManager.Lease held = lease.get()) {
            return Optional.of(runs.record(JOB, () -> evaluate(clock.millis())));
        }
    }

    private EvaluationReport evaluate(long now) {
        long started = System.nanoTime();
        RuleSet ruleSet = rules.current();
        Long lastRun = runs.lastSuccessAt(JOB).orElse(null);
        return transactions.executeWrite(status -> {
            try {
                return evaluate(status.getConnection(), ruleSet, now, lastRun, started);
            } catch (SQLException e) {
                throw new StorageException("evaluation failed", e);
            }
        });
    }

    private EvaluationReport evaluate(Connection c, RuleSet ruleSet, long now, Long lastRun, long started)
            throws SQLException {
        RuleQueries queries = new RuleQueries(c);
        AlertStore store = new AlertStore(c);
        ConditionReader reader = new ConditionReader(queries, properties, now, lastRun);

        // keyed by rule, host and labels rather than the fingerprint, which would cost a hash per series
        Map<String, AlertRecord> open = new HashMap<>();
        for (AlertRecord a : store.loadOpen()) {
            open.put(a.rule() + '\u0000' + a.host() + '\u0000' + a.labelsJson(), a);
        }
        Map<String, Rule> byName = new LinkedHashMap<>();
        ruleSet.rules().forEach(r -> byName.put(r.name(), r));

        Map<String, AlertTransition> transitions = new LinkedHashMap<>();
        int readings = 0;
        int evaluatedRules = 0;
        Map<String, Long> ruleMillis = new HashMap<>();
        for (Rule rule : ruleSet.rules()) {
            if (ruleSet.disabledEverywhere(rule)) {
                continue;
            }
            evaluatedRules++;
            long ruleStarted = System.nanoTime();
            List<Reading> ruleReadings = reader.read(rule);
            ruleMillis.put(rule.name(), (System.nanoTime() - ruleStarted) / 1_000_000);
            for (Reading reading : ruleReadings) {
                readings++;
                Thresholds thresholds = ruleSet.thresholdsFor(rule, reading.host(), reading::labels);
                if (thresholds == null) {
                    continue;
                }
                String key = reading.key(rule.name());
                AlertTransition t = AlertStateMachine.step(rule, thresholds, reading, open.remove(key), now);
                if (t != null) {
                    transitions.put(key, t);
                }
            }
        }

        // Alerts no reading touched: their series went quiet or their rule went away. A down host's
        // alerts stay as they are (inhibited) rather than announcing a recovery nobody saw, and so do
        // the alerts of series that a rule with `every` left for a later cycle.
        List<AlertRecord> current = new ArrayList<>(open.values());
        transitions.values().forEach(t -> current.add(t.after()));
        InhibitionRule inhibition = new InhibitionRule(byName, current);
        for (Map.Entry<String, AlertRecord> entry : open.entrySet()) {
            AlertRecord untouched = entry.getValue();
            boolean ruleRuns = byName.containsKey(untouched.rule()) && !ruleSet.disabledEverywhere(byName.get(untouched.rule()));
            if (ruleRuns && (reader.deferred().contains(entry.getKey()) || inhibition.inhibited(untouched))) {
                transitions.put(entry.getKey(), new AlertTransition(untouched, untouched, List.of()));
            } else {
                transitions.put(entry.getKey(), AlertStateMachine.resolve(untouched, now, null));
            }
        }

        List<Silence> silences = store.activeSilences(now).stream()
                .filter(s -> SilenceMatcher.isActive(s, now)).toList();
        List<AlertRecord> updates = new ArrayList<>();
        List<AlertStore.Event> events = new ArrayList<>();
        int created = 0;
        int fired = 0;
        int resolved = 0;
        int stillOpen = 0;
        for (AlertTransition t : transitions.values()) {
            AlertRecord after = t.after();
            if (after.open()) {
                after = after.withFlags(SilenceMatcher.silenced(silences, after), inhibition.inhibited(after));
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
                events.add(new AlertStore.Event(after.id(), kind, after.severity(), after.value(), now));
                fired += kind == AlertEventKind.FIRING ? 1 : 0;
            }
            resolved += after.open() || t.before() == null || !t.before().open() ? 0 : 1;
        }
        store.update(updates);
        store.appendEvents(events);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String slowest = ruleMillis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getKey() + "=" + e.getValue() + "ms").reduce((a, b) -> a + " " + b).orElse("");
        return new EvaluationReport(now, evaluatedRules, readings, stillOpen, created, fired, resolved, events.size(),
                queries.statements() + store.statements(), millis, slowest);
    }
}
