package dev.vigil.core.sample;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesRangeQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.testing.Sql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.micronaut.transaction.TransactionOperations;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The storage scenarios every engine must pass: MySQL/MariaDB and the embedded H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SampleBatchWriterContract {

    @Inject
    SampleBatchWriter writer;
    @Inject
    HostRegistry hosts;
    @Inject
    LatestValueQuery latest;
    @Inject
    SeriesRangeQuery range;
    @Inject
    DataSource dataSource;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    SeriesLimitProperties limitProperties;
    @Inject
    Clock clock;

    int hostId;

    @BeforeAll
    void registerHost() {
        hostId = hosts.register("db-01").orElseThrow().host().id();
    }

    @Test
    void storesABatchAndCountsResentSamplesAsDuplicates() {
        List<Sample> batch = List.of(
                new Sample("disk_used_percent", Map.of("mount", "/", "fstype", "ext4"), 1_000, 91.2),
                new Sample("disk_used_percent", Map.of("mount", "/data", "fstype", "xfs"), 1_000, 40.0),
                new Sample("cpu_usage_percent", Map.of(), 1_000, 12.5));

        assertEquals(new WriteResult(3, 0), writer.write(hostId, batch));
        assertEquals(new WriteResult(0, 3), writer.write(hostId, batch));
        assertEquals(3, count("SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id WHERE r.host_id = " + hostId + " AND s.ts = 1000"));
    }

    @Test
    void sameSeriesTwiceInOneBatchIsStoredOnce() {
        List<Sample> batch = List.of(
                new Sample("load1", Map.of(), 5_000, 1.0),
                new Sample("load1", Map.of(), 5_000, 2.0));
        assertEquals(new WriteResult(1, 1), writer.write(hostId, batch));
        SeriesValue stored = latest.forHost(hostId).stream().filter(v -> v.metric().equals("load1")).findFirst().orElseThrow();
        assertEquals(1.0, stored.value(), "history and latest value keep the same (first) point");
        assertEquals(1, count("SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id WHERE r.metric = 'load1' AND s.value = 1.0"));
    }

    @Test
    void latestValueFollowsTheNewestTimestampEvenWhenOlderSamplesArriveLater() {
        Map<String, String> labels = Map.of("iface", "eth0");
        writer.write(hostId, List.of(new Sample("net_rx_bytes_per_second", labels, 20_000, 200)));
        writer.write(hostId, List.of(new Sample("net_rx_bytes_per_second", labels, 10_000, 100)));
        writer.write(hostId, List.of(
                new Sample("net_rx_bytes_per_second", labels, 25_000, 250),
                new Sample("net_rx_bytes_per_second", labels, 15_000, 150)));

        SeriesValue value = latest.forHost(hostId).stream()
                .filter(v -> v.metric().equals("net_rx_bytes_per_second")).findFirst().orElseThrow();
        assertEquals(250, value.value());
        assertEquals(25_000, value.ts());
        assertEquals(labels, value.labels());
    }

    @Test
    void rangeQueryReturnsPointsInOrderAndAveragesPerStep() {
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(new Sample("memory_used_percent", Map.of(), 100_000 + i * 10_000L, i));
        }
        writer.write(hostId, batch);

        var raw = range.find(new SeriesRangeQuery.Selector("db-01", "memory_used_percent", 100_000, 210_000, 0));
        assertEquals(1, raw.size());
        assertEquals(12, raw.get(0).points().size());
        assertEquals(100_000L, raw.get(0).points().get(0)[0]);

        var stepped = range.find(new SeriesRangeQuery.Selector("db-01", "memory_used_percent", 100_000, 210_000, 60_000));
        // buckets [60000,120000) holds ts 100000,110000 -> avg 0.5; [120000,180000) holds 6 points 2..7 -> 4.5
        assertEquals(3, stepped.get(0).points().size());
        assertEquals(0.5, (double) stepped.get(0).points().get(0)[1]);
        assertEquals(4.5, (double) stepped.get(0).points().get(1)[1]);
    }

    @Test
    void largeBatchesSpanSeveralStatements() {
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            batch.add(new Sample("check_value", Map.of("check", "c" + (i % 50)), 1_000_000 + i, i));
        }
        assertEquals(new WriteResult(2_500, 0), writer.write(hostId, batch));
        assertEquals(new WriteResult(0, 2_500), writer.write(hostId, batch));
    }

    @Test
    void writersInSeveralProcessesMeetingTheSameNewSeriesAllSucceedWithOneIdPerSeries() throws Exception {
        int processes = 4;
        CyclicBarrier start = new CyclicBarrier(processes);
        ExecutorService pool = Executors.newFixedThreadPool(processes);
        try {
            List<Future<WriteResult>> results = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                // each its own dictionary and limits, as in another ingest process or Lambda container
                SampleBatchWriter process = new SampleBatchWriter(
                        new SeriesDictionary(new SeriesLimits(limitProperties, clock), clock), transactions, clock);
                long ts = 20_000_000L + p;
                results.add(pool.submit(() -> {
                    List<Sample> batch = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        batch.add(new Sample("raced_metric", Map.of("i", String.valueOf(i)), ts, i));
                    }
                    start.await();
                    return process.write(hostId, batch);
                }));
            }
            for (Future<WriteResult> result : results) {
                assertEquals(new WriteResult(300, 0), result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(300, count("SELECT COUNT(*) FROM series WHERE metric = 'raced_metric' AND host_id = " + hostId));
        assertEquals(300 * processes, count("SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id"
                + " WHERE r.metric = 'raced_metric'"));
    }

    @Test
    void aHostsLastSeenIsWrittenAtMostOncePerResolution() {
        int host = hosts.register("seen-01").orElseThrow().host().id();
        long[] now = {clock.millis()};
        Clock stepping = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(now[0]);
            }
        };
        SampleBatchWriter timed = new SampleBatchWriter(
                new SeriesDictionary(new SeriesLimits(limitProperties, clock), clock), transactions, stepping);
        String lastSeen = "SELECT last_seen_at FROM hosts WHERE id = " + host;
        long first = now[0];

        timed.write(host, List.of(new Sample("last_seen_probe", Map.of(), 1_000, 1)));
        assertEquals(first, count(lastSeen));
        now[0] += SampleBatchWriter.LAST_SEEN_RESOLUTION_MS - 1;
        timed.write(host, List.of(new Sample("last_seen_probe", Map.of(), 2_000, 2)));
        assertEquals(first, count(lastSeen), "written again only once the resolution has passed");
        now[0] += 1;
        timed.write(host, List.of(new Sample("last_seen_probe", Map.of(), 3_000, 3)));
        assertEquals(now[0], count(lastSeen));
    }

    long count(String sql) {
        return Sql.count(dataSource, sql);
    }
}
