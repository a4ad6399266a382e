package dev.vigil.evaluate.bench;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.evaluate.EvaluationReport;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Labels;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.sample.SeriesKey;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.core.time.AdjustableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluation cost over a generated fleet, and the delay from a threshold crossing to its alert event
 * on the local 15 s schedule. Not a unit test (the name keeps it out of normal builds); run it with
 * infra/bench/evaluate-bench.sh. Each fleet size gets a fresh MariaDB database.
 *
 * History is scaled: only the series that windowed rules read (cpu_usage_percent for the 5 min
 * average, disk_free_bytes of both mounts for the 1 h trend) get a full hour at 15 s (240 points);
 * the other ~30 series per host have their latest value and one sample, which is all a LAST rule reads.
 */
class EvaluateBenchmark {

    static final long STEP = 15_000;
    static final int HISTORY_POINTS = 240;
    static final double GIB = 1024.0 * 1024 * 1024;

    record SeriesDef(String metric, Map<String, String> labels, boolean history) {
    }

    static final List<SeriesDef> AGENT_SERIES = agentSeries();

    @Test
    void evaluationCycleCostAndCrossingToEventDelay() throws Exception {
        int[] fleets = Arrays.stream(System.getProperty("bench.hosts", "1000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int cycles = Integer.getInteger("bench.cycles", 3);
        System.out.printf(Locale.ROOT, "%n== evaluate benchmark: %d series per host (%d with 1h history at 15s), %d timed cycles ==%n",
                AGENT_SERIES.size(), AGENT_SERIES.stream().filter(SeriesDef::history).count(), cycles);
        List<double[]> results = new ArrayList<>();
        for (int hosts : fleets) {
            results.add(cycleCost(hosts, cycles));
        }
        double[] base = results.get(0);
        System.out.printf(Locale.ROOT, "%n%-8s %12s %14s %10s %10s %12s %12s %14s%n", "hosts", "sample rows", "full cycle ms",
                "statements", "Questions", "pool reads", "full ratio", "15s cycle ms");
        for (int i = 0; i < fleets.length; i++) {
            double[] r = results.get(i);
            System.out.printf(Locale.ROOT, "%-8d %12.0f %14.0f %10.0f %10.0f %12.0f %11.2fx %14.0f (%.2fx; hosts %.0fx)%n", fleets[i],
                    r[0], r[1], r[2], r[3], r[5], r[1] / base[1], r[4], r[4] / base[4], (double) fleets[i] / fleets[0]);
        }
        System.out.println("(Questions and pool reads are the server's global counters per full cycle: other databases' traffic included)");
        System.out.println("load average at the end: " + loadAverage());
        if (!Boolean.getBoolean("bench.skipLatency")) {
            crossingToEvent(Integer.getInteger("bench.latencyTrials", 4));
        }
        System.out.println();
        for (int i = 0; i < fleets.length; i++) {
            double[] r = results.get(i);
            String size = fleetName(fleets[i]);
            figure("evaluate_" + size + "_full_ms", r[1], "ms", fleets[i] == 10_000 ? "2500" : "-");
            figure("evaluate_" + size + "_statements", r[2], "statements", "-");
        }
        for (int i = 1; i < fleets.length; i++) {
            figure("evaluate_growth_" + fleetName(fleets[0]) + "_to_" + fleetName(fleets[i]), results.get(i)[1] / base[1], "x",
                    fleets[0] * 10 == fleets[i] ? "11" : "-");
        }
    }

    static String fleetName(int hosts) {
        return hosts % 1000 == 0 ? hosts / 1000 + "k" : String.valueOf(hosts);
    }

    /** FIGURE<TAB>name<TAB>value<TAB>unit<TAB>baseline<TAB>ratio<TAB>target, collected by infra/bench/all.sh. */
    static void figure(String name, double value, String unit, String target) {
        String v = value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
        System.out.println("FIGURE\t" + name + "\t" + v + "\t" + unit + "\t-\t-\t" + target);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * @return {sample rows, median full-cycle ms, statements per full cycle, server Questions per full cycle, median 15s-cycle ms,
     *         server buffer-pool reads (pages from disk) in the last full cycle}
     */
    double[] cycleCost(int hosts, int cycles) throws Exception {
        // -Dbench.reuse=true keeps one database per fleet size (vigil_bench_evaluate_N, or -Dbench.reuseName=X: X_N)
        // between runs, for query tuning and for comparing two builds on the same data; drop it when done
        boolean reuse = Boolean.getBoolean("bench.reuse");
        Map<String, Object> props = new HashMap<>(reuse ? keptDatabase(hosts) : TestDatabase.freshMysql());
        try (ApplicationContext ctx = ApplicationContext.run(props, "test", "scenario")) {
            DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
            long now;
            long rows;
            if (reuse && count(ds, "SELECT COUNT(*) FROM hosts") > 0) {
                // the fleet's own hosts (ids 1..n): the app's self-metrics host reports in wall-clock time
                now = count(ds, "SELECT MAX(last_seen_at) FROM hosts WHERE id <= " + hosts);
                rows = count(ds, "SELECT COUNT(*) FROM samples");
                execute(ds, "DELETE FROM alert_events");
                execute(ds, "DELETE FROM alerts");
                // a previous run's last success would leave part of the trend deferred in the first cycle
                execute(ds, "DELETE FROM job_runs");
                System.out.printf(Locale.ROOT, "%d hosts: reusing %,d sample rows%n", hosts, rows);
            } else {
                now = System.currentTimeMillis();
                long t0 = System.nanoTime();
                rows = generate(ds, hosts, now);
                System.out.printf(Locale.ROOT, "%d hosts: generated %,d sample rows in %.1f s%n", hosts, rows, (System.nanoTime() - t0) / 1e9);
            }
            ctx.getBean(AdjustableClock.class).set(Instant.ofEpochMilli(now));
            EvaluationCycle cycle = ctx.getBean(EvaluationCycle.class);
            EvaluationReport first = cycle.runOnce().orElseThrow();
            System.out.printf(Locale.ROOT, "  first cycle (creates the alerts): %d ms, %s%n", first.millis(), first);
            long[] full = new long[cycles];
            long[] typical = new long[cycles];
            long statements = 0;
            long questions = 0;
            long poolReads = 0;
            for (int i = 0; i < cycles; i++) {
                // a full cycle has every rule due (the trend runs once a minute): forget the last run
                execute(ds, "DELETE FROM job_runs");
                long q0 = questions(ds);
                long p0 = status(ds, "Innodb_buffer_pool_reads");
                long start = System.nanoTime();
                EvaluationReport r = cycle.runOnce().orElseThrow();
                full[i] = (System.nanoTime() - start) / 1_000_000;
                poolReads = status(ds, "Innodb_buffer_pool_reads") - p0;
                questions = questions(ds) - q0 - 2;
                statements = r.statements();
                System.out.printf(Locale.ROOT, "  full cycle %d: %d ms wall, %s%n", i + 1, full[i], r);
                // the next local tick: a quarter of the disks are refit (the trend has `every: 1m`)
                ctx.getBean(AdjustableClock.class).advance(java.time.Duration.ofSeconds(15));
                start = System.nanoTime();
                EvaluationReport t = cycle.runOnce().orElseThrow();
                typical[i] = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(Locale.ROOT, "  15s cycle %d (a quarter of the trend): %d ms wall, %s%n", i + 1, typical[i], t);
            }
            Arrays.sort(full);
            Arrays.sort(typical);
            return new double[]{rows, full[cycles / 2], statements, questions, typical[cycles / 2], poolReads};
        }
    }

    static Map<String, String> keptDatabase(int hosts) throws SQLException {
        Map<String, String> fresh = TestDatabase.freshMysql();
        String url = fresh.get("datasources.default.url");
        String name = System.getProperty("bench.reuseName", "vigil_bench_evaluate") + "_" + hosts;
        String server = url.substring(0, url.lastIndexOf('/', url.indexOf('?')) + 1);
        try (Connection c = java.sql.DriverManager.getConnection(server, fresh.get("datasources.default.username"),
                fresh.get("datasources.default.password")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4");
        }
        Map<String, String> props = new HashMap<>(fresh);
        props.put("datasources.default.url", server + name + url.substring(url.indexOf('?')));
        return props;
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Writes a threshold crossing at a random moment and waits for its FIRING event, with the real schedule. */
    void crossingToEvent(int trials) throws Exception {
        Map<String, Object> props = new HashMap<>(TestDatabase.freshMysql());
        props.put("vigil.evaluate.schedule.enabled", "true");
        props.put("vigil.evaluate.initial-delay", "1s");
        try (ApplicationContext ctx = ApplicationContext.run(props, "test")) {
            DataSource ds = DelegatingDataSource.unwrapDataSource(ctx.getBean(DataSource.class));
            HostRegistry registry = ctx.getBean(HostRegistry.class);
            SampleBatchWriter writer = ctx.getBean(SampleBatchWriter.class);
            List<Long> delays = new ArrayList<>();
            for (int i = 0; i < trials; i++) {
                int host = registry.register("latency-" + i).orElseThrow().host().id();
                Thread.sleep(1_000 + (long) (Math.random() * 15_000));
                long stored = System.currentTimeMillis();
                writer.write(host, List.of(new Sample("disk_used_percent", Map.of("mount", "/"), stored, 95)));
                long seen;
                while (true) {
                    seen = System.currentTimeMillis();
                    if (count(ds, "SELECT COUNT(*) FROM alert_events e JOIN alerts a ON a.id = e.alert_id "
                            + "WHERE e.kind = 'FIRING' AND a.host_id = " + host) > 0) {
                        break;
                    }
                    Thread.sleep(20);
                }
                delays.add(seen - stored);
            }
            delays.sort(Long::compare);
            System.out.printf(Locale.ROOT, "%ncrossing stored -> FIRING event recorded (15 s schedule, %d trials): %s ms; "
                    + "median %d ms, max %d ms%n", trials, delays, delays.get(delays.size() / 2), delays.get(delays.size() - 1));
        }
    }

    /** Hosts per generating statement: each is one INSERT … SELECT of a slice of the fleet, committed alone. */
    static final int HOSTS_PER_STATEMENT = 1000;

    /**
     * Generated on the server (INSERT … SELECT over MariaDB's sequence tables, in key order): 7.5 M sample
     * rows in seconds instead of minutes of multi-row INSERTs sent from here. Values as {@link #value}.
     * About 1% of hosts are unwell.
     */
    static long generate(DataSource ds, int hosts, long now) throws SQLException {
        long sampleRows = 0;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE bench_defs (k INT PRIMARY KEY, metric VARCHAR(128), labels TEXT,"
                    + " series_hash CHAR(32), points INT, normal_value DOUBLE, unwell_value DOUBLE)");
            StringBuilder defs = new StringBuilder("INSERT INTO bench_defs VALUES ");
            for (int k = 0; k < AGENT_SERIES.size(); k++) {
                SeriesDef def = AGENT_SERIES.get(k);
                int points = def.history() ? HISTORY_POINTS : 1;
                defs.append(k == 0 ? "" : ",").append('(').append(k).append(",'").append(def.metric()).append("','")
                        .append(Labels.toJson(def.labels()).replace("'", "''")).append("','")
                        .append(new SeriesKey(def.metric(), def.labels()).hash()).append("',").append(points).append(',')
                        .append(value(def, 1, 0)).append(',').append(value(def, 100, 0)).append(')');
                sampleRows += (long) points * hosts;
            }
            st.execute(defs.toString());
            String value = "CASE d.metric"
                    + " WHEN 'cpu_usage_percent' THEN CASE WHEN h.seq % 100 = 0 THEN 95 ELSE 20 + (h.seq * 7 + j.seq) % 30 END"
                    + " WHEN 'disk_free_bytes' THEN CASE WHEN h.seq % 100 = 50 THEN " + 30 * GIB + " + j.seq * " + (8 * GIB / HISTORY_POINTS)
                    + " ELSE " + 45 * GIB + " END"
                    + " ELSE CASE WHEN h.seq % 100 = 0 THEN d.unwell_value ELSE d.normal_value END END";
            for (int from = 1; from <= hosts; from += HOSTS_PER_STATEMENT) {
                String slice = "seq_" + from + "_to_" + Math.min(hosts, from + HOSTS_PER_STATEMENT - 1) + " h";
                st.execute("INSERT INTO hosts (id, name, token_hash, created_at, last_seen_at) SELECT h.seq, CONCAT('h', h.seq), NULL, "
                        + now + ", " + now + " FROM " + slice);
                st.execute("INSERT INTO series (id, host_id, metric, labels, series_hash, created_at)"
                        + " SELECT h.seq * 64 + d.k, h.seq, d.metric, d.labels, d.series_hash, " + now
                        + " FROM " + slice + " CROSS JOIN bench_defs d ORDER BY 1");
                st.execute("INSERT INTO samples (series_id, ts, value) SELECT h.seq * 64 + d.k, " + now + " - j.seq * " + STEP
                        + ", CAST(" + value + " AS DOUBLE) FROM " + slice + " CROSS JOIN bench_defs d JOIN seq_0_to_" + (HISTORY_POINTS - 1)
                        + " j ON j.seq < d.points ORDER BY 1, 2");
                st.execute("INSERT INTO latest_values (series_id, ts, value) SELECT h.seq * 64 + d.k, " + now
                        + ", CAST(" + value + " AS DOUBLE) FROM " + slice + " CROSS JOIN bench_defs d CROSS JOIN seq_0_to_0 j ORDER BY 1");
            }
            st.execute("DROP TEMPORARY TABLE bench_defs");
            st.execute("ANALYZE TABLE series, samples, latest_values, hosts");
        }
        return sampleRows;
    }

    /** The value of a series j steps before now; a few hosts are busy, full or filling. */
    static double value(SeriesDef def, int host, int j) {
        boolean unwell = host % 100 == 0;
        boolean filling = host % 100 == 50;
        return switch (def.metric()) {
            case "cpu_usage_percent" -> unwell ? 95 : 20 + (host * 7 + j) % 30;
            case "cpu_count" -> 4;
            case "load5" -> unwell ? 12 : 1.2;
            case "disk_used_percent" -> unwell ? 93 : 55;
            case "disk_total_bytes" -> 100 * GIB;
            case "disk_free_bytes" -> filling ? 30 * GIB + j * (8 * GIB / HISTORY_POINTS) : 45 * GIB;
            case "memory_used_percent" -> 60;
            case "mysql_up", "check_ok" -> 1;
            case "mysql_query_latency_ms" -> 3;
            default -> 10;
        };
    }

    static List<SeriesDef> agentSeries() {
        List<SeriesDef> s = new ArrayList<>();
        for (String m : List.of("cpu_iowait_percent", "cpu_count", "load1", "load5", "load15", "memory_used_percent",
                "memory_used_bytes", "memory_total_bytes", "swap_used_percent", "process_count", "open_files_percent",
                "uptime_seconds", "mysql_up", "mysql_query_latency_ms")) {
            s.add(new SeriesDef(m, Map.of(), false));
        }
        s.add(new SeriesDef("cpu_usage_percent", Map.of(), true));
        for (String mount : List.of("/", "/data")) {
            Map<String, String> l = Map.of("mount", mount, "fstype", "ext4");
            s.add(new SeriesDef("disk_used_percent", l, false));
            s.add(new SeriesDef("disk_total_bytes", l, false));
            s.add(new SeriesDef("inode_used_percent", l, false));
            s.add(new SeriesDef("disk_free_bytes", l, true));
        }
        for (String iface : List.of("eth0", "eth1")) {
            for (String m : List.of("net_rx_bytes_per_second", "net_tx_bytes_per_second", "net_errors_per_second",
                    "net_drops_per_second")) {
                s.add(new SeriesDef(m, Map.of("iface", iface), false));
            }
        }
        s.add(new SeriesDef("mysql_database_size_bytes", Map.of("schema", "app"), false));
        s.add(new SeriesDef("check_ok", Map.of("check", "backup"), false));
        s.add(new SeriesDef("check_value", Map.of("check", "backup"), false));
        return s;
    }

    static long questions(DataSource ds) throws SQLException {
        return status(ds, "Questions");
    }

    static long status(DataSource ds, String variable) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
