package dev.vigil.housekeeping.partition;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.testing.MysqlTestProperties;
import dev.vigil.core.testing.Sql;
import dev.vigil.housekeeping.HousekeepingProperties;
import dev.vigil.housekeeping.retention.TimeSeriesTable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given a MySQL samples table with a month and more of history and a writer that keeps inserting,
 * when housekeeping runs once per simulated day, then the table is partitioned, days are created
 * ahead, expired days are dropped, and the writer never sees an error or loses a row in retention.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionMaintainerMysqlTest implements MysqlTestProperties {

    static final long DAY = Duration.ofDays(1).toMillis();
    static final long START = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    @Inject
    PartitionMaintainer maintainer;
    @Inject
    SampleBatchWriter writer;
    @Inject
    HostRegistry hosts;
    @Inject
    HousekeepingProperties properties;
    @Inject
    DataSource dataSource;

    @Test
    void partitionsAreCreatedAheadAndExpiredOnesDroppedWhileAWriterKeepsInserting() throws Exception {
        int hostId = hosts.register("db-01").orElseThrow().host().id();
        TimeSeriesTable samples = TimeSeriesTable.all(properties).get(0);
        List<Sample> history = new ArrayList<>();
        for (int d = 0; d <= 40; d++) {
            for (int s = 0; s < 10; s++) {
                history.add(new Sample("disk_used_percent", Map.of("mount", "/m" + s), START - d * DAY, d));
            }
        }
        writer.write(hostId, history);

        AtomicLong now = new AtomicLong(START);
        PartitionReport first = maintainer.maintain(samples, now.get()).orElseThrow();
        assertTrue(first.converted());
        assertNoExpiredPartition(now.get());

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        List<Long> accepted = new CopyOnWriteArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicLong batches = new AtomicLong();
        Thread ingest = new Thread(() -> {
            while (!stop.get()) {
                try {
                    List<Sample> batch = new ArrayList<>();
                    // every fifth batch lands beyond the last day, in the catch-all partition
                    long base = batches.get() % 5 == 4 ? now.get() + 20 * DAY : now.get() - Duration.ofHours(1).toMillis();
                    for (int i = 0; i < 50; i++) {
                        long ts = base + sequence.incrementAndGet();
                        batch.add(new Sample("cpu_usage_percent", Map.of("core", "c" + (i % 10)), ts, i));
                    }
                    if (writer.write(hostId, batch).accepted() != batch.size()) {
                        throw new AssertionError("unique timestamps must all be accepted");
                    }
                    batch.forEach(s -> accepted.add(s.ts()));
                    batches.incrementAndGet();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }
        }, "concurrent-writer");
        ingest.start();

        List<String> dropped = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (int day = 1; day <= 10; day++) {
            long batchesBefore = batches.get();
            while (batches.get() < batchesBefore + 3) {
                Thread.sleep(5);
            }
            now.addAndGet(DAY);
            Optional<PartitionReport> report = maintainer.maintain(samples, now.get());
            dropped.addAll(report.orElseThrow().dropped());
            created.addAll(report.orElseThrow().created());
        }
        long before = batches.get();
        while (batches.get() < before + 3) {
            Thread.sleep(5);
        }
        stop.set(true);
        ingest.join();

        assertEquals(List.of(), errors, "the writer saw errors");
        assertEquals(10, created.size(), "one new day ahead per simulated day");
        assertTrue(dropped.size() >= 10, "expired days dropped: " + dropped);
        long cutoff = samples.cutoff(now.get());
        assertNoExpiredPartition(now.get());
        long kept = accepted.stream().filter(ts -> ts >= cutoff).count();
        assertEquals(kept, count("SELECT COUNT(*) FROM samples WHERE ts >= " + cutoff + " AND series_id IN "
                + "(SELECT id FROM series WHERE metric = 'cpu_usage_percent')"), "rows within retention were lost");
        assertEquals(0, count("SELECT COUNT(*) FROM samples WHERE ts < " + (cutoff - DAY)));

        List<Partition> parts = maintainer.partitions("samples");
        assertTrue(parts.get(parts.size() - 1).catchAll());
        long highest = parts.get(parts.size() - 2).lessThan();
        assertTrue(highest >= now.get() + properties.getPartitionsAhead() * DAY, "a week of days stays ahead");
        assertTrue(parts.stream().anyMatch(p -> p.name().equals(PartitionSql.name(now.get() - Math.floorMod(now.get(), DAY)))));
    }

    @Test
    void aSecondRunTheSameDayChangesNothing() {
        TimeSeriesTable rollups = TimeSeriesTable.all(properties).get(2);
        long now = START;
        maintainer.maintain(rollups, now);
        List<Partition> before = maintainer.partitions("rollup_1h");
        PartitionReport again = maintainer.maintain(rollups, now).orElseThrow();
        assertFalse(again.converted());
        assertEquals(List.of(), again.created());
        assertEquals(List.of(), again.dropped());
        assertEquals(before.stream().map(Partition::name).toList(),
                maintainer.partitions("rollup_1h").stream().map(Partition::name).toList());
    }

    private void assertNoExpiredPartition(long now) {
        TimeSeriesTable samples = TimeSeriesTable.all(properties).get(0);
        for (Partition p : maintainer.partitions("samples")) {
            assertTrue(p.catchAll() || p.lessThan() > samples.cutoff(now), "expired partition kept: " + p);
        }
    }

    private long count(String sql) {
        return Sql.count(dataSource, sql);
    }
}
