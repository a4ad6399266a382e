package dev.vigil.evaluate.bench;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.evaluate.EvaluationReport;
import dev.vigil.core.evaluate.EvaluationShard;
import dev.vigil.core.testing.TestDatabase;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One evaluator against N shards over the {@link EvaluateBenchmark} fleet (default 10,000 hosts). Not a unit
 * test (the name keeps it out of normal builds); run it with infra/bench/evaluate-shards.sh.
 * <p>
 * Equality: three cycles (create at t0, +15 s, then +45 s after the unwell hosts' disks recovered) by one
 * evaluator, then the alert tables are emptied and the same three cycles run again by the shards one after
 * another, and once more by the shards at once; alerts and events must be the same row for row.
 * Timing: full cycles (every rule due) alternating single / shards at once / shards in turn on the same data.
 */
class EvaluateShardsBenchmark {

    static final String ALERTS = "SELECT rule, host, labels, state, severity, value, silenced, inhibited, resolution, "
            + "starts_at, firing_at, ends_at, updated_at, predicted_at, summary FROM alerts ORDER BY rule, host, labels, starts_at";
    static final String EVENTS = "SELECT a.rule, a.host, a.labels, a.starts_at, e.kind, e.severity, e.value, e.at, e.detail "
            + "FROM alert_events e JOIN alerts a ON a.id = e.alert_id ORDER BY a.rule, a.host, a.labels, a.starts_at, e.at, e.kind";
    static final String UNWELL_DISKS = "UPDATE latest_values SET value = %s WHERE series_id IN "
            + "(SELECT id FROM series WHERE metric = 'disk_used_percent' AND MOD(host_id, 100) = 0)";

    interface Runner {
        /** @return per-shard (or the single) cycle times in ms */
        long[] cycle() throws Exception;
    }

    @Test
    void shardsProduceTheAlertsOfOneEvaluator() throws Exception {
        int hosts = Integer.getInteger("bench.hosts", 10_000);
        int shards = Integer.getInteger("bench.shards", 4);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Map<String, Object> props = new HashMap<>(TestDatabase.freshMysql());
        // Vigil's own figures (job durations per job name, flushed on real time) would change the data between phases
        props.put("vigil.self-metrics.enabled", "false");
        ExecutorService pool = Executors.newFixedThreadPool(shards);
        try (ApplicationContext ctx = ApplicationContext.run(props, "test", "scenario")) {
            DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
            AdjustableClock clock = ctx.getBean(AdjustableClock.class);
            EvaluationCycle cycle = ctx.getBean(EvaluationCycle.class);
            long t0 = System.currentTimeMillis();
            long g = System.nanoTime();
            long rows = EvaluateBenchmark.generate(ds, hosts, t0);
            System.out.printf(Locale.ROOT, "%n== evaluate shards: %d hosts, %,d sample rows (generated in %.1f s), %d shards ==%n",
                    hosts, rows, (System.nanoTime() - g) / 1e9, shards);

            Runner single = () -> new long[] {cycle.runOnce(EvaluationShard.ALL).orElseThrow().millis()};
            Runner inTurn = () -> {
                long[] ms = new long[shards];
                for (int s = 0; s < shards; s++) {
                    ms[s] = cycle.runOnce(new EvaluationShard(s, shards)).orElseThrow().millis();
                }
                return ms;
            };
            Runner atOnce = () -> {
                List<Future<EvaluationReport>> running = new ArrayList<>();
                for (int s = 0; s < shards; s++) {
                    EvaluationShard shard = new EvaluationShard(s, shards);
                    running.add(pool.submit(() -> cycle.runOnce(shard).orElseThrow()));
                }
                long[] ms = new long[shards];
                for (int s = 0; s < shards; s++) {
                    ms[s] = running.get(s).get().millis();
                }
                return ms;
            };

            List<List<String>> expected = threeCycles(ds, clock, t0, single);
            List<List<String>> shardedInTurn = threeCycles(ds, clock, t0, inTurn);
            List<List<String>> shardedAtOnce = threeCycles(ds, clock, t0, atOnce);
            boolean same = expected.equals(shardedInTurn) && expected.equals(shardedAtOnce);
            System.out.printf(Locale.ROOT, "alerts after 3 cycles: %d rows, %d events, %d resolved; shards in turn %s, at once %s%n",
                    expected.get(2).size(), expected.get(3).size(),
                    expected.get(2).stream().filter(r -> r.contains("| recovered |")).count(),
                    expected.equals(shardedInTurn) ? "identical" : "DIFFERENT", expected.equals(shardedAtOnce) ? "identical" : "DIFFERENT");
            if (!same) {
                diff("in turn", expected, shardedInTurn);
                diff("at once", expected, shardedAtOnce);
            }

            // full cycles, every rule due: alternate rounds so load on the box hits all three alike
            long[] singleMs = new long[rounds];
            long[] atOnceMax = new long[rounds];
            long[] atOnceWall = new long[rounds];
            long[] inTurnMax = new long[rounds];
            long[] inTurnSum = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                singleMs[r] = full(ds, single)[0];
                long w = System.nanoTime();
                long[] a = full(ds, atOnce);
                atOnceWall[r] = (System.nanoTime() - w) / 1_000_000;
                atOnceMax[r] = Arrays.stream(a).max().orElseThrow();
                long[] t = full(ds, inTurn);
                inTurnMax[r] = Arrays.stream(t).max().orElseThrow();
                inTurnSum[r] = Arrays.stream(t).sum();
                System.out.printf(Locale.ROOT, "round %d: single %d ms | %d shards at once: %s ms (wall %d) | in turn: %s ms (sum %d)%n",
                        r + 1, singleMs[r], shards, Arrays.toString(a), atOnceWall[r], Arrays.toString(t), inTurnSum[r]);
            }
            double load = loadAverage();
            long single50 = median(singleMs);
            System.out.printf(Locale.ROOT, "median: single %d ms; %d shards at once: slowest shard %d ms, wall %d ms; in turn: slowest %d ms, "
                    + "sum %d ms; load average %.2f%n", single50, shards, median(atOnceMax), median(atOnceWall), median(inTurnMax),
                    median(inTurnSum), load);
            String k = hosts % 1000 == 0 ? (hosts / 1000) + "k" : String.valueOf(hosts);
            figure("evaluate_shards_same_alerts", same ? "yes" : "no", "-", "-", "-", "yes");
            figure("evaluate_" + k + "_single_ms", String.valueOf(single50), "ms", "-", "-", "-");
            figure("evaluate_" + k + "_" + shards + "shards_max_ms", String.valueOf(median(atOnceMax)), "ms",
                    String.valueOf(single50), ratio(median(atOnceMax), single50), "-");
            figure("evaluate_" + k + "_" + shards + "shards_wall_ms", String.valueOf(median(atOnceWall)), "ms",
                    String.valueOf(single50), ratio(median(atOnceWall), single50), "-");
            figure("evaluate_" + k + "_" + shards + "shards_inturn_max_ms", String.valueOf(median(inTurnMax)), "ms",
                    String.valueOf(single50), ratio(median(inTurnMax), single50), "-");
            figure("evaluate_" + k + "_" + shards + "shards_inturn_sum_ms", String.valueOf(median(inTurnSum)), "ms",
                    String.valueOf(single50), ratio(median(inTurnSum), single50), "-");
            figure("evaluate_shards_bench_load_average", String.format(Locale.ROOT, "%.2f", load), "-", "-", "-", "-");
        } finally {
            pool.shutdownNow();
        }
    }

    /** From empty alert tables: three cycles, the unwell disks recovering before the third; @return alerts and events after the 2nd and 3rd */
    static List<List<String>> threeCycles(DataSource ds, AdjustableClock clock, long t0, Runner runner) throws Exception {
        execute(ds, UNWELL_DISKS.formatted("93"));
        execute(ds, "DELETE FROM alert_events");
        execute(ds, "DELETE FROM alerts");
        execute(ds, "DELETE FROM job_runs");
        clock.set(Instant.ofEpochMilli(t0));
        runner.cycle();
        clock.advance(Duration.ofSeconds(15));
        runner.cycle();
        List<String> alerts2 = rows(ds, ALERTS);
        List<String> events2 = rows(ds, EVENTS);
        execute(ds, UNWELL_DISKS.formatted("55"));
        // +45 s: the generated hosts last sent at t0, and HostDown (1 m) for every host at once would hit the
        // per-rule cap, where shards pick their share of the worst by themselves (README, "Scaling out evaluation")
        clock.advance(Duration.ofSeconds(30));
        runner.cycle();
        return List.of(alerts2, events2, rows(ds, ALERTS), rows(ds, EVENTS));
    }

    static long[] full(DataSource ds, Runner runner) throws Exception {
        execute(ds, "DELETE FROM job_runs");
        return runner.cycle();
    }

    static void diff(String what, List<List<String>> expected, List<List<String>> actual) {
        for (int i = 0; i < expected.size(); i++) {
            List<String> missing = new ArrayList<>(expected.get(i));
            missing.removeAll(actual.get(i));
            List<String> extra = new ArrayList<>(actual.get(i));
            extra.removeAll(expected.get(i));
            if (!missing.isEmpty() || !extra.isEmpty()) {
                System.out.printf(Locale.ROOT, "  %s, table %d: %d missing, e.g. %s; %d extra, e.g. %s%n", what, i, missing.size(),
                        missing.stream().limit(3).toList(), extra.size(), extra.stream().limit(3).toList());
            }
        }
    }

    static void figure(String name, String value, String unit, String baseline, String ratio, String target) {
        System.out.println(String.join("\t", "FIGURE", name, value, unit, baseline, ratio, target));
    }

    static String ratio(long value, long baseline) {
        return baseline == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) value / baseline);
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        EvaluateBenchmark.execute(ds, sql);
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
