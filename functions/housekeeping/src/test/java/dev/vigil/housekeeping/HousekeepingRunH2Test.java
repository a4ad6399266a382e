package dev.vigil.housekeeping;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.retention.DatabaseSizeReport;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole runs on the embedded database: everything expires by batched deletes, nothing is partitioned. */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HousekeepingRunH2Test implements TestPropertyProvider {

    @Inject
    HousekeepingRun run;
    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchWriter writer;
    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.freshH2();
    }

    @Test
    void hourlyAndWeeklyRunsWorkWithoutPartitions() {
        int host = hosts.register("laptop").orElseThrow().host().id();
        long now = clock.millis();
        writer.write(host, List.of(
                new Sample("load1", Map.of(), now - Duration.ofDays(31).toMillis(), 1),
                new Sample("load1", Map.of(), now - Duration.ofMinutes(20).toMillis(), 2)));

        HourlyReport report = run.hourly().orElseThrow();

        assertEquals(List.of(), report.partitions());
        assertEquals(3, report.sweeps().size());
        assertEquals(1, report.sweeps().get(0).rowsDeleted());
        assertTrue(Sql.count(dataSource, "SELECT COUNT(*) FROM rollup_5m") >= 1, "recent samples rolled up");
        assertTrue(Sql.count(dataSource, "SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id"
                + " JOIN hosts h ON h.id = r.host_id WHERE h.name = 'vigil' AND r.metric = '"
                + DatabaseSizeReport.TABLE_SIZE_METRIC + "'") >= 5);

        assertTrue(run.weeklyMaintenance().orElseThrow().analyzed().contains("samples"));
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM job_runs WHERE job = 'housekeeping' AND ok"));
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM job_runs WHERE job = 'maintenance' AND ok"));
    }
}
