package dev.vigil.core.evaluate;

import dev.vigil.core.lease.LeaseManager;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.time.AdjustableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four shards produce exactly the alerts and events of one evaluator: three identical copies of a
 * {@link ShardTestFleet}, evaluated by one evaluator, by four shards one after another, and by four shards at
 * once, over cycles that raise, escalate, inhibit, defer ({@code every}), remove hosts and resolve.
 */
abstract class ShardedEvaluationScenarios {

    static final int HOSTS = 300;
    static final int SHARDS = 4;
    /** Cycle times after the start: a 15 s step leaves the trend's {@code every: 1m} part of the disks for later. */
    static final long[] CYCLES_AT = {0, 15_000, 120_000, 240_000, 255_000, 360_000, 480_000, 600_000};
    static final String ALERTS = "SELECT rule, host, labels, state, severity, value, value_text, silenced, inhibited, "
            + "resolution, resolution_text, starts_at, firing_at, ends_at, updated_at, predicted_at, host_labels, summary "
            + "FROM alerts ORDER BY rule, host, labels, starts_at";
    static final String EVENTS = "SELECT a.rule, a.host, a.labels, a.starts_at, e.kind, e.severity, e.value, e.at, e.detail "
            + "FROM alert_events e JOIN alerts a ON a.id = e.alert_id ORDER BY a.rule, a.host, a.labels, a.starts_at, e.at, e.kind";

    abstract Map<String, String> database();

    record Copy(ApplicationContext context, DataSource dataSource, AdjustableClock clock, EvaluationCycle cycle) implements AutoCloseable {

        @Override
        public void close() {
            context.close();
        }
    }

    Copy copy(Map<String, Object> extra) throws SQLException {
        Map<String, Object> props = new HashMap<>(database());
        // Vigil's own figures (job durations by job name) are about the evaluators, which differ by design, and are
        // flushed on real time: they would make the copies differ
        props.put("vigil.self-metrics.enabled", "false");
        props.putAll(extra);
        ApplicationContext ctx = ApplicationContext.run(props, "test", "scenario");
        DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
        AdjustableClock clock = ctx.getBean(AdjustableClock.class);
        clock.set(ScenarioClockFactory.START);
        new ShardTestFleet(HOSTS).generate(ds, ScenarioClockFactory.START.toEpochMilli());
        return new Copy(ctx, ds, clock, ctx.getBean(EvaluationCycle.class));
    }

    @Test
    void fourShardsInTurnAndAtOnceRaiseAndResolveExactlyTheAlertsOfOneEvaluator() throws Exception {
        ShardTestFleet fleet = new ShardTestFleet(HOSTS);
        long start = ScenarioClockFactory.START.toEpochMilli();
        ExecutorService pool = Executors.newFixedThreadPool(SHARDS);
        try (Copy single = copy(Map.of()); Copy inTurn = copy(Map.of()); Copy atOnce = copy(Map.of())) {
            long previous = start;
            for (int i = 0; i < CYCLES_AT.length; i++) {
                long now = start + CYCLES_AT[i];
                int phase = i < 3 ? 0 : i < 4 ? 1 : i < 6 ? 2 : 3;
                for (Copy copy : List.of(single, inTurn, atOnce)) {
                    if (now > previous) {
                        fleet.advance(copy.dataSource(), start, previous, now, phase);
                    }
                    copy.clock().set(Instant.ofEpochMilli(now));
                }
                previous = now;

                EvaluationReport whole = single.cycle().runOnce(EvaluationShard.ALL).orElseThrow();
                int readings = 0;
                for (int s = 0; s < SHARDS; s++) {
                    readings += inTurn.cycle().runOnce(new EvaluationShard(s, SHARDS)).orElseThrow().readings();
                }
                List<Future<Optional<EvaluationReport>>> running = new ArrayList<>();
                for (int s = 0; s < SHARDS; s++) {
                    EvaluationShard shard = new EvaluationShard(s, SHARDS);
                    running.add(pool.submit(() -> atOnce.cycle().runOnce(shard)));
                }
                int readingsAtOnce = 0;
                for (Future<Optional<EvaluationReport>> f : running) {
                    readingsAtOnce += f.get().orElseThrow().readings();
                }

                String cycle = "cycle " + i + " at +" + CYCLES_AT[i] / 1000 + "s";
                assertEquals(whole.readings(), readings, cycle + ": the shards read every series once between them");
                assertEquals(whole.readings(), readingsAtOnce, cycle);
                List<String> expected = rows(single.dataSource(), ALERTS);
                assertEquals(expected, rows(inTurn.dataSource(), ALERTS), cycle + ": shards in turn");
                assertEquals(expected, rows(atOnce.dataSource(), ALERTS), cycle + ": shards at once");
                List<String> events = rows(single.dataSource(), EVENTS);
                assertEquals(events, rows(inTurn.dataSource(), EVENTS), cycle + ": events of shards in turn");
                assertEquals(events, rows(atOnce.dataSource(), EVENTS), cycle + ": events of shards at once");
            }
            // the scenario did what it says: every kind of outcome happened, so the equality above means something
            DataSource ds = single.dataSource();
            assertTrue(Sql.count(ds, "SELECT COUNT(*) FROM alerts WHERE rule = 'HostDown' AND resolution IS NOT NULL") > 0);
            assertTrue(Sql.count(ds, "SELECT COUNT(*) FROM alerts WHERE inhibited") > 0
                    || Sql.count(ds, "SELECT COUNT(*) FROM alert_events e JOIN alerts a ON a.id = e.alert_id "
                    + "WHERE a.rule <> 'HostDown' AND a.host IN ('host-00050', 'host-00100')") > 0);
            assertTrue(Sql.count(ds, "SELECT COUNT(*) FROM alerts WHERE resolution = 'recovered'") > 0,
                    "unwell hosts recover");
            assertTrue(Sql.count(ds, "SELECT COUNT(*) FROM alerts WHERE resolution = 'not_evaluated'") > 0,
                    "removed hosts' alerts end as not evaluated");
            assertTrue(Sql.count(ds, "SELECT COUNT(*) FROM alerts WHERE rule = 'DiskWillFillIn4Hours'") > 0);
            assertTrue(Sql.count(ds, "SELECT COUNT(*) FROM alerts WHERE state = 'firing' AND open_fingerprint IS NOT NULL") > 0);
            assertEquals(SHARDS, Sql.count(inTurn.dataSource(),
                    "SELECT COUNT(DISTINCT job) FROM job_runs WHERE job LIKE 'evaluate-%of4' AND ok"));
            assertEquals(0, Sql.count(inTurn.dataSource(), "SELECT COUNT(*) FROM job_runs WHERE job = 'evaluate'"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameShardTwiceAtOnceRunsOnceAndStalenessWaitsForTheSlowestShard() throws Exception {
        try (Copy copy = copy(Map.of())) {
            LeaseManager leases = copy.context().getBean(LeaseManager.class);
            EvaluationStaleness staleness = copy.context().getBean(EvaluationStaleness.class);
            try (LeaseManager.Lease held = leases.tryAcquire("evaluate-1of4", Duration.ofMinutes(1)).orElseThrow()) {
                assertTrue(copy.cycle().runOnce(new EvaluationShard(1, 4)).isEmpty(), "shard 1 is running elsewhere");
                assertTrue(copy.cycle().runOnce(new EvaluationShard(2, 4)).isPresent(), "other shards are not held up");
            }
            // a single evaluator ran before the switch to shards: shards that have not run yet count from it
            long start = copy.clock().millis();
            copy.cycle().runOnce(EvaluationShard.ALL).orElseThrow();
            for (int s = 0; s < 4; s++) {
                copy.cycle().runOnce(new EvaluationShard(s, 4)).orElseThrow();
            }
            assertFalse(staleness.check().stale());
            assertEquals(start, staleness.check().lastSuccessAt());

            // shard 3 stops; the others keep going: evaluation is stale for shard 3's hosts
            for (int minute = 1; minute <= 2; minute++) {
                copy.clock().advance(Duration.ofMinutes(1));
                for (int s = 0; s < 3; s++) {
                    copy.cycle().runOnce(new EvaluationShard(s, 4)).orElseThrow();
                }
            }
            EvaluationStaleness.Status status = staleness.check();
            assertTrue(status.stale(), "shard 3 last ran two minutes ago: " + status);
            assertEquals(start, status.lastSuccessAt());
            copy.cycle().runOnce(new EvaluationShard(3, 4)).orElseThrow();
            assertFalse(staleness.check().stale());
            assertEquals(copy.clock().millis(), staleness.check().lastSuccessAt());
        }
    }

    @Test
    void eachShardCapsItsShareAndOnlyItsOwnMetaAlert() throws Exception {
        // 30 unwell hosts raise 30 DiskSpaceLow alerts at once: a limit of 8 is 2 per shard
        try (Copy copy = copy(Map.of("vigil.evaluate.max-new-alerts-per-rule", "8"))) {
            copy.cycle().runOnce(EvaluationShard.ALL).orElseThrow();
            assertEquals(1, Sql.count(copy.dataSource(), "SELECT COUNT(*) FROM alerts WHERE rule = 'VigilAlertsCapped' "
                    + "AND labels = '{\"rule\":\"DiskSpaceLow\"}' AND open_fingerprint IS NOT NULL"));
            long before = Sql.count(copy.dataSource(), "SELECT COUNT(*) FROM alerts WHERE rule = 'DiskSpaceLow'");
            assertEquals(8, before);
            // the first 8 by host name were opened; the other unwell hosts are each shard's candidates now
            int[] waiting = new int[SHARDS];
            for (int h = 90; h <= HOSTS; h += 10) {
                waiting[new EvaluationShard(0, SHARDS).shardOf(h)]++;
            }
            tick(copy);
            for (int s = 0; s < SHARDS; s++) {
                copy.cycle().runOnce(new EvaluationShard(s, SHARDS)).orElseThrow();
            }
            int opened = 0;
            for (int s = 0; s < SHARDS; s++) {
                opened += Math.min(2, waiting[s]);
                assertEquals(waiting[s] > 2 ? 1 : 0, Sql.count(copy.dataSource(), "SELECT COUNT(*) FROM alerts "
                        + "WHERE rule = 'VigilAlertsCapped' AND labels LIKE '%\"shard\":\"" + s + "of4\"%' "
                        + "AND labels LIKE '%DiskSpaceLow%' AND open_fingerprint IS NOT NULL"), "shard " + s + " of " + java.util.Arrays.toString(waiting));
            }
            assertTrue(opened > 2 && opened <= 8, "a share of 2 per shard: " + opened);
            assertEquals(before + opened, Sql.count(copy.dataSource(), "SELECT COUNT(*) FROM alerts WHERE rule = 'DiskSpaceLow'"));
            assertEquals(0, Sql.count(copy.dataSource(), "SELECT COUNT(*) FROM alerts WHERE rule = 'VigilAlertsCapped' "
                    + "AND labels = '{\"rule\":\"DiskSpaceLow\"}' AND open_fingerprint IS NOT NULL"),
                    "shard 0 resolved the single evaluator's meta-alert");
            for (int cycle = 0; cycle < 12; cycle++) {
                tick(copy);
                for (int s = 0; s < SHARDS; s++) {
                    copy.cycle().runOnce(new EvaluationShard(s, SHARDS)).orElseThrow();
                }
            }
            assertEquals(0, Sql.count(copy.dataSource(), "SELECT COUNT(*) FROM alerts WHERE rule = 'VigilAlertsCapped' "
                    + "AND open_fingerprint IS NOT NULL"), () -> "every shard caught up and resolved its meta-alerts: " + rowsOrError(copy.dataSource(),
                    "SELECT labels, value_text, summary FROM alerts WHERE rule = 'VigilAlertsCapped' AND open_fingerprint IS NOT NULL"));
        }
    }

    @Test
    void aShardNotBelowTheShardCountIsRefusedWithTheKeysNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EvaluationShard(4, 4));
        assertTrue(e.getMessage().contains("vigil.evaluate.shard"), e.getMessage());
        assertEquals(new EvaluationShard(2, 4), EvaluationShard.ofJobName("evaluate-2of4"));
        assertEquals(EvaluationShard.ALL, EvaluationShard.ofJobName("evaluate"));
        assertEquals(null, EvaluationShard.ofJobName("evaluate-xof4"));
        assertNotNull(EvaluationShard.ALL.jobName());
        assertEquals("evaluate", EvaluationShard.ALL.jobName());
        // ids in a pattern (every 10th host; a Galera cluster's auto_increment_increment of 3) still spread evenly
        for (int step : new int[] {1, 3, 4, 10}) {
            int[] perShard = new int[SHARDS];
            for (int i = 0; i < 10_000; i++) {
                perShard[new EvaluationShard(0, SHARDS).shardOf(1 + i * step)]++;
            }
            for (int n : perShard) {
                assertTrue(n > 2_300 && n < 2_700, "step " + step + ": " + java.util.Arrays.toString(perShard));
            }
        }
    }

    /** 15 s later, and every host that sends has sent (the fleet stays as it was generated). */
    static void tick(Copy copy) throws SQLException {
        long from = copy.clock().millis();
        copy.clock().advance(Duration.ofSeconds(15));
        new ShardTestFleet(HOSTS).advance(copy.dataSource(), ScenarioClockFactory.START.toEpochMilli(), from,
                copy.clock().millis(), 0);
    }

    static String rowsOrError(DataSource ds, String sql) {
        try {
            return String.join("\n", rows(ds, sql));
        } catch (SQLException e) {
            return e.toString();
        }
    }

    static List<String> rows(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }
}
