package dev.vigil.housekeeping;

import dev.vigil.core.retention.DatabaseSizeReport;
import dev.vigil.core.testing.MysqlTestProperties;
import dev.vigil.core.testing.Sql;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole hourly runs on MySQL: history of resolved alerts expires while open alerts stay, concurrent
 * runs do the work once, and every run leaves a job_runs row and samples of host vigil.
 */
@MicronautTest(transactional = false, environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HousekeepingRunMysqlTest implements MysqlTestProperties {

    @Inject
    HousekeepingRun run;
    @Inject
    DataSource dataSource;
    @Inject
    Clock clock;

    @Test
    void expiresResolvedAlertsWithTheirEventsButNeverOpenOnes() {
        long old = clock.millis() - Duration.ofDays(100).toMillis();
        long recent = clock.millis() - Duration.ofDays(10).toMillis();
        insertAlert(1, null, old, old);          // resolved 100 days ago: expires
        insertAlert(2, null, recent, recent);    // resolved 10 days ago: kept
        insertAlert(3, "f3", old, null);         // open since 100 days: kept
        for (int alert = 1; alert <= 3; alert++) {
            Sql.execute(dataSource, "INSERT INTO alert_events (alert_id, kind, severity, at) VALUES (" + alert + ", 'FIRING', 'warning', " + old + ")");
        }

        HourlyReport report = run.hourly().orElseThrow();

        assertEquals(1, report.alertHistory().alerts());
        assertEquals(1, report.alertHistory().events());
        assertEquals(2, Sql.count(dataSource, "SELECT COUNT(*) FROM alerts"));
        assertEquals(0, Sql.count(dataSource, "SELECT COUNT(*) FROM alert_events WHERE alert_id = 1"));
    }

    @Test
    void twoRunsAtOnceDoTheWorkOnceAndEachRunIsRecorded() throws Exception {
        long before = Sql.count(dataSource, "SELECT COUNT(*) FROM job_runs WHERE job = 'housekeeping'");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Optional<HourlyReport>>> runs = new ArrayList<>();
        runs.add(run::hourly);
        runs.add(run::hourly);
        int done = 0;
        for (Future<Optional<HourlyReport>> f : pool.invokeAll(runs)) {
            done += f.get().isPresent() ? 1 : 0;
        }
        pool.shutdown();
        assertTrue(done >= 1);
        assertEquals(before + done, Sql.count(dataSource, "SELECT COUNT(*) FROM job_runs WHERE job = 'housekeeping' AND ok"));
        String details = Sql.count(dataSource, "SELECT COUNT(*) FROM job_runs WHERE details LIKE '%\"partitions\"%'") > 0 ? "json" : "";
        assertEquals("json", details, "job_runs.details holds the report as JSON");

        assertTrue(Sql.count(dataSource, "SELECT COUNT(*) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'samples' AND PARTITION_NAME = 'pmax'") == 1, "samples is partitioned");
        assertTrue(vigilSamples(DatabaseSizeReport.DATABASE_SIZE_METRIC) >= 1);
        assertTrue(vigilSamples(DatabaseSizeReport.TABLE_SIZE_METRIC) >= 5);
        assertTrue(vigilSamples("vigil_housekeeping_duration_seconds") >= 1);
    }

    @Test
    void weeklyMaintenanceAnalyzesEveryTable() {
        var report = run.weeklyMaintenance().orElseThrow();
        assertTrue(report.analyzed().contains("samples"));
        assertTrue(report.analyzed().contains("rollup_5m"));
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM job_runs WHERE job = 'maintenance' AND ok"));
    }

    private long vigilSamples(String metric) {
        return Sql.count(dataSource, "SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id"
                + " JOIN hosts h ON h.id = r.host_id WHERE h.name = 'vigil' AND r.metric = '" + metric + "'");
    }

    private void insertAlert(long id, String openFingerprint, long startsAt, Long endsAt) {
        String fp = "'" + String.format("%032d", id) + "'";
        Sql.execute(dataSource, "INSERT INTO alerts (id, fingerprint, open_fingerprint, rule, host, labels, severity, state,"
                + " starts_at, ends_at, updated_at) VALUES (" + id + ", " + fp + ", "
                + (openFingerprint == null ? "NULL" : fp) + ", 'DiskSpaceLow', 'db-01', '{}', 'warning', "
                + (endsAt == null ? "'FIRING'" : "'RESOLVED'") + ", " + startsAt + ", " + endsAt + ", " + startsAt + ")");
    }
}
