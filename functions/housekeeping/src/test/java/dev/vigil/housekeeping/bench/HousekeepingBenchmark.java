package dev.vigil.housekeeping.bench;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.rollup.RollupResolution;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.housekeeping.HousekeepingProperties;
import dev.vigil.housekeeping.partition.PartitionMaintainer;
import dev.vigil.housekeeping.partition.PartitionReport;
import dev.vigil.housekeeping.retention.RetentionSweeper;
import dev.vigil.housekeeping.retention.SweepReport;
import dev.vigil.housekeeping.retention.TimeSeriesTable;
import dev.vigil.housekeeping.rollup.RollupBuilder;
import dev.vigil.housekeeping.rollup.RollupReport;
import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Expiring one day of samples by partition drop versus batched DELETE, with ingest running, and
 * rolling up one hour. Two fresh databases hold the same day of data (HOSTS x SERIES x 86400/INTERVAL_S
 * rows); an ingest thread posts one host's scrape (SERIES samples) per call through SampleBatchWriter,
 * the real write path, for 10 s before and after (idle baseline: their mean) and during each expiry (the operation's
 * duration, at least 5 s from its start). Prints ratios from this run.
 * Run through infra/bench/housekeeping-bench.sh.
 */
public final class HousekeepingBenchmark {

    static final long DAY = Duration.ofDays(1).toMillis();
    static final long MIN_WINDOW_MILLIS = 5_000;
    static final long IDLE_MILLIS = 10_000;
    static final String SERVER = env("BENCH_JDBC_SERVER", "jdbc:mysql://127.0.0.1:3306/");
    static final String PARAMS = "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";

    final int hosts = Integer.parseInt(env("HOSTS", "250"));
    final int seriesPerHost = Integer.parseInt(env("SERIES", "40"));
    final int intervalSeconds = Integer.parseInt(env("INTERVAL_S", "60"));
    final long now = System.currentTimeMillis() / DAY * DAY + DAY / 2;
    /** Wholly older than 30 days at {@link #now}: the day both strategies expire. */
    final long expiredDay = now / DAY * DAY - 31 * DAY;

    record Ingest(double rowsPerSecond, long maxBatchMillis, long p99BatchMillis, int batches) {
    }

    public static void main(String[] args) throws Exception {
        new HousekeepingBenchmark().run();
    }

    void run() throws Exception {
        long rowsPerDay = (long) hosts * seriesPerHost * (86_400 / intervalSeconds);
        System.out.printf("scale: %d hosts x %d series x %d s interval = %,d rows in the expired day%n",
                hosts, seriesPerHost, intervalSeconds, rowsPerDay);
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String partDb = "vigil_bench_part_" + suffix;
        String batchDb = "vigil_bench_batch_" + suffix;
        try (ApplicationContext part = context(partDb); ApplicationContext batch = context(batchDb)) {
            TimeSeriesTable samples = TimeSeriesTable.all(part.getBean(HousekeepingProperties.class)).get(0);
            PartitionMaintainer partitions = part.getBean(PartitionMaintainer.class);
            // converted while empty, as on a fresh install; then a month of days ahead as if it had run daily
            partitions.maintain(samples, expiredDay + 3_600_000);
            List<Integer> partHosts = registerHosts(part);
            List<Integer> batchHosts = registerHosts(batch);
            partitions.maintain(samples, now - DAY);

            long t = System.nanoTime();
            load(partDb);
            double loadSeconds = seconds(t);
            System.out.printf("load: %,d rows in %.1f s (%,.0f rows/s, multi-row INSERT)%n", rowsPerDay, loadSeconds, rowsPerDay / loadSeconds);
            exec(batchDb, "INSERT INTO " + batchDb + ".samples SELECT * FROM " + partDb + ".samples WHERE ts < " + (expiredDay + DAY));

            RollupBuilder rollups = part.getBean(RollupBuilder.class);
            long hour = expiredDay + 12 * 3_600_000L;
            t = System.nanoTime();
            RollupReport five = rollups.build(RollupResolution.FIVE_MINUTES, hour, hour + 3_600_000);
            double fiveSeconds = seconds(t);
            t = System.nanoTime();
            RollupReport hourly = rollups.build(RollupResolution.ONE_HOUR, hour, hour + 3_600_000);
            double hourSeconds = seconds(t);
            long hourRows = (long) hosts * seriesPerHost * (3_600 / intervalSeconds);
            System.out.printf("rollup of one hour (%,d raw rows): 5m %.2f s (%d statements), 1h from 5m %.2f s%n",
                    hourRows, fiveSeconds, five.statements(), hourSeconds);

            ingestWhile(part, partHosts, () -> sleep(IDLE_MILLIS)); // JIT and pool warm-up, discarded
            waitForQuietServer();
            Ingest idlePart = ingestWhile(part, partHosts, () -> sleep(IDLE_MILLIS));
            long[] dropMillis = new long[1];
            Ingest duringDrop = ingestWhile(part, partHosts, () -> {
                long s = System.nanoTime();
                PartitionReport r = partitions.maintain(samples, now).orElseThrow();
                dropMillis[0] = (System.nanoTime() - s) / 1_000_000;
                System.out.printf("partition drop: %s in %d ms (~%,d rows, %,d bytes)%n", r.dropped(), dropMillis[0],
                        r.droppedRowsEstimate(), r.droppedBytes());
            });

            Ingest idlePartAfter = ingestWhile(part, partHosts, () -> sleep(IDLE_MILLIS));

            RetentionSweeper sweeper = batch.getBean(RetentionSweeper.class);
            waitForQuietServer();
            Ingest idleBatch = ingestWhile(batch, batchHosts, () -> sleep(IDLE_MILLIS));
            long[] deleteMillis = new long[1];
            Ingest duringDelete = ingestWhile(batch, batchHosts, () -> {
                long s = System.nanoTime();
                SweepReport r = sweeper.sweep(samples, now);
                deleteMillis[0] = (System.nanoTime() - s) / 1_000_000;
                System.out.printf("batched DELETE: %,d rows in %,d statements, %,d ms (%,.0f rows/s)%n", r.rowsDeleted(),
                        r.statements(), deleteMillis[0], r.rowsDeleted() * 1000.0 / Math.max(1, deleteMillis[0]));
            });
            Ingest idleBatchAfter = ingestWhile(batch, batchHosts, () -> sleep(IDLE_MILLIS));
            check(partDb, batchDb);

            System.out.println();
            System.out.printf("expire one day: partition drop %,d ms vs batched DELETE %,d ms -> DELETE takes %.0fx longer%n",
                    dropMillis[0], deleteMillis[0], deleteMillis[0] / (double) Math.max(1, dropMillis[0]));
            Ingest partBaseline = mean(idlePart, idlePartAfter);
            Ingest batchBaseline = mean(idleBatch, idleBatchAfter);
            print("ingest idle before drop", idlePart, partBaseline);
            print("ingest during partition drop", duringDrop, partBaseline);
            print("ingest idle after drop", idlePartAfter, partBaseline);
            print("ingest idle before DELETE", idleBatch, batchBaseline);
            print("ingest during batched DELETE", duringDelete, batchBaseline);
            print("ingest idle after DELETE", idleBatchAfter, batchBaseline);
        } finally {
            exec("", "DROP DATABASE IF EXISTS " + partDb);
            exec("", "DROP DATABASE IF EXISTS " + batchDb);
        }
    }

    static void print(String label, Ingest ingest, Ingest baseline) {
        System.out.printf("%-30s %,8.0f samples/s (%.2fx idle mean), batch p99 %,d ms, max %,d ms, %d batches%n", label,
                ingest.rowsPerSecond(), ingest.rowsPerSecond() / baseline.rowsPerSecond(), ingest.p99BatchMillis(),
                ingest.maxBatchMillis(), ingest.batches());
    }

    static Ingest mean(Ingest before, Ingest after) {
        return new Ingest((before.rowsPerSecond() + after.rowsPerSecond()) / 2, 0, 0, 0);
    }

    /** Loading leaves InnoDB flushing dirty pages for a while; baselines taken then would be too low. */
    static void waitForQuietServer() throws SQLException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = connect(""); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) {
                if (rs.next() && rs.getLong(2) < 200) {
                    return;
                }
            }
            sleep(1_000);
        }
        System.out.println("(server still flushing after 120 s; baselines taken anyway)");
    }

    ApplicationContext context(String db) throws SQLException {
        exec("", "CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", SERVER + db + PARAMS);
        props.put("datasources.default.username", env("BENCH_JDBC_USER", "root"));
        props.put("datasources.default.password", env("BENCH_JDBC_PASSWORD", ""));
        props.put("vigil.housekeeping.max-rows-to-partition", Long.MAX_VALUE);
        props.put("vigil.housekeeping.partitions-ahead", 7);
        return ApplicationContext.builder().properties(props).environments("test").start();
    }

    List<Integer> registerHosts(ApplicationContext ctx) {
        HostRegistry registry = ctx.getBean(HostRegistry.class);
        SampleBatchWriter writer = ctx.getBean(SampleBatchWriter.class);
        List<Integer> ids = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            int id = registry.register(String.format("bench-%04d", h)).orElseThrow().host().id();
            ids.add(id);
            writer.write(id, scrape(now - DAY, 0));
        }
        return ids;
    }

    List<Sample> scrape(long ts, double value) {
        List<Sample> samples = new ArrayList<>(seriesPerHost);
        for (int s = 0; s < seriesPerHost; s++) {
            samples.add(new Sample("bench_metric", Map.of("n", Integer.toString(s)), ts, value + s));
        }
        return samples;
    }

    /** The expired day for every series, two loader threads, 4,000-row INSERTs. */
    void load(String db) throws Exception {
        List<Long> seriesIds = new ArrayList<>();
        try (Connection c = connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM series ORDER BY id")) {
            while (rs.next()) {
                seriesIds.add(rs.getLong(1));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> jobs = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            List<Long> mine = seriesIds.subList(part * seriesIds.size() / 2, (part + 1) * seriesIds.size() / 2);
            jobs.add(pool.submit(() -> {
                try (Connection c = connect(db); Statement st = c.createStatement()) {
                    StringBuilder sql = new StringBuilder();
                    int rows = 0;
                    for (long id : mine) {
                        for (long ts = expiredDay; ts < expiredDay + DAY; ts += intervalSeconds * 1000L) {
                            sql.append(rows == 0 ? "INSERT INTO samples (series_id, ts, value) VALUES " : ",")
                                    .append('(').append(id).append(',').append(ts).append(',').append(ts % 9973 / 100.0).append(')');
                            if (++rows == 4_000) {
                                st.executeUpdate(sql.toString());
                                sql.setLength(0);
                                rows = 0;
                            }
                        }
                    }
                    if (rows > 0) {
                        st.executeUpdate(sql.toString());
                    }
                }
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
    }

    /** Posts scrapes of consecutive hosts as fast as one thread can while {@code work} runs. */
    Ingest ingestWhile(ApplicationContext ctx, List<Integer> hostIds, Runnable work) throws Exception {
        SampleBatchWriter writer = ctx.getBean(SampleBatchWriter.class);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Thread ingest = new Thread(() -> {
            long ts = now - DAY + 1 + (long) (Math.random() * 1_000_000);
            int h = 0;
            while (!stop.get()) {
                long s = System.nanoTime();
                writer.write(hostIds.get(h), scrape(ts, h));
                latencies.add((System.nanoTime() - s) / 1_000_000);
                if (++h == hostIds.size()) {
                    h = 0;
                    ts += 1_000;
                }
            }
        }, "bench-ingest");
        ingest.start();
        sleep(500);
        latencies.clear();
        long t = System.nanoTime();
        work.run();
        // a window of at least MIN_WINDOW around a short operation, so its stall shows in a steady rate
        sleep(Math.max(0, MIN_WINDOW_MILLIS - (System.nanoTime() - t) / 1_000_000));
        double elapsed = seconds(t);
        List<Long> during = new ArrayList<>(latencies);
        stop.set(true);
        ingest.join();
        List<Long> sorted = during.stream().sorted().toList();
        long max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
        long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * 0.99)));
        return new Ingest(during.size() * (double) seriesPerHost / elapsed, max, p99, during.size());
    }

    void check(String partDb, String batchDb) throws SQLException {
        for (String db : List.of(partDb, batchDb)) {
            try (Connection c = connect(db); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM samples WHERE ts < " + (expiredDay + DAY))) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new IllegalStateException(db + " still holds " + rs.getLong(1) + " expired rows");
                }
            }
        }
    }

    static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(SERVER + db + PARAMS, env("BENCH_JDBC_USER", "root"), env("BENCH_JDBC_PASSWORD", ""));
    }

    static void exec(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
