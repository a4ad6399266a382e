package dev.vigil.housekeeping.retention;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.testing.Sql;
import dev.vigil.housekeeping.HousekeepingProperties;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given samples older and newer than retention in an unpartitioned table, when the sweeper runs
 * with small batches, then exactly the expired rows are gone, removed in many short statements.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetentionSweeperContract {

    static final long NOW = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();

    @Inject
    RetentionSweeper sweeper;
    @Inject
    SampleBatchWriter writer;
    @Inject
    HostRegistry hosts;
    @Inject
    HousekeepingProperties properties;
    @Inject
    DataSource dataSource;

    @Test
    void deletesExpiredSamplesInBoundedBatchesAndKeepsTheRest() {
        int hostId = hosts.register("web-01").orElseThrow().host().id();
        TimeSeriesTable samples = TimeSeriesTable.all(properties).get(0);
        long cutoff = samples.cutoff(NOW);
        List<Sample> batch = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < 100; i++) {
                batch.add(new Sample("load1", Map.of("n", "s" + s), cutoff - 1 - i * 60_000L, i));
            }
            for (int i = 0; i < 10; i++) {
                batch.add(new Sample("load1", Map.of("n", "s" + s), cutoff + i * 60_000L, i));
            }
        }
        writer.write(hostId, batch);

        SweepReport report = sweeper.sweep(samples, NOW);

        assertEquals(2_000, report.rowsDeleted());
        int batchRows = properties.getDeleteBatchRows();
        assertTrue(report.statements() >= 2_000 / batchRows, "batches of at most " + batchRows + ": " + report);
        assertEquals(0, Sql.count(dataSource, "SELECT COUNT(*) FROM samples WHERE ts < " + cutoff));
        assertEquals(200, Sql.count(dataSource, "SELECT COUNT(*) FROM samples WHERE ts >= " + cutoff));
        assertEquals(0, sweeper.sweep(samples, NOW).rowsDeleted(), "a second sweep finds nothing");
    }
}
