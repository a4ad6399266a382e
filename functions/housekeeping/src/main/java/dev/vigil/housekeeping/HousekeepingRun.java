package dev.vigil.housekeeping;

import dev.vigil.core.job.JobNames;
import dev.vigil.core.job.JobRunRecorder;
import dev.vigil.core.lease.LeaseManager;
import dev.vigil.core.retention.DatabaseSize;
import dev.vigil.housekeeping.maintenance.MaintenanceReport;
import dev.vigil.housekeeping.maintenance.TableMaintenance;
import dev.vigil.housekeeping.partition.PartitionMaintainer;
import dev.vigil.housekeeping.partition.PartitionReport;
import dev.vigil.housekeeping.report.DatabaseSizeRecorder;
import dev.vigil.housekeeping.retention.AlertHistoryReport;
import dev.vigil.housekeeping.retention.AlertHistorySweeper;
import dev.vigil.housekeeping.retention.LogLineSweeper;
import dev.vigil.housekeeping.retention.RetentionSweeper;
import dev.vigil.housekeeping.retention.SweepReport;
import dev.vigil.housekeeping.retention.TimeSeriesTable;
import dev.vigil.housekeeping.rollup.RollupBuilder;
import dev.vigil.housekeeping.rollup.RollupReport;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One housekeeping run of either task. A database lease makes overlapping runs (Lambda retries, a
 * slow previous run) skip instead of doing the same work twice; each run that does work is recorded
 * in job_runs (job "housekeeping" or "maintenance") with what it did, and its duration is stored as
 * a sample of host vigil.
 */
@Singleton
public class HousekeepingRun {

    private static final Logger LOG = LoggerFactory.getLogger(HousekeepingRun.class);
    static final String HOURLY_LEASE = JobNames.HOUSEKEEPING;
    // its own lease: a long OPTIMIZE must not make the hourly retention run skip
    static final String MAINTENANCE_LEASE = "housekeeping-maintenance";

    private final LeaseManager leases;
    private final JobRunRecorder recorder;
    private final PartitionMaintainer partitions;
    private final RetentionSweeper sweeper;
    private final AlertHistorySweeper alertHistory;
    private final LogLineSweeper logLines;
    private final RollupBuilder rollups;
    private final TableMaintenance maintenance;
    private final DatabaseSizeRecorder sizeRecorder;
    private final HousekeepingProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public HousekeepingRun(LeaseManager leases, JobRunRecorder recorder, PartitionMaintainer partitions,
                           RetentionSweeper sweeper, AlertHistorySweeper alertHistory, LogLineSweeper logLines, RollupBuilder rollups,
                           TableMaintenance maintenance, DatabaseSizeRecorder sizeRecorder,
                           HousekeepingProperties properties, ObjectMapper json, Clock clock) {
        this.leases = leases;
        this.recorder = recorder;
        this.partitions = partitions;
        this.sweeper = sweeper;
        this.alertHistory = alertHistory;
        this.logLines = logLines;
        this.rollups = rollups;
        this.maintenance = maintenance;
        this.sizeRecorder = sizeRecorder;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Runs one scheduled task; what it did is in {@code job_runs} (nothing when another run holds the lease). */
    public void run(HousekeepingTask task) {
        switch (task) {
            case HOURLY -> hourly();
            case WEEKLY_MAINTENANCE -> weeklyMaintenance();
        }
    }

    public Optional<HourlyReport> hourly() {
        Optional<LeaseManager.Lease> lease = leases.tryAcquire(HOURLY_LEASE, properties.getLeaseTtl());
        if (lease.isEmpty()) {
            LOG.info("housekeeping skipped: another run holds the lease");
            return Optional.empty();
        }
        try (LeaseManager.Lease held = lease.get()) {
            return Optional.of(recorder.record(JobNames.HOUSEKEEPING, () -> new Details<>(hourlyWork())).report());
        }
    }

    public Optional<MaintenanceReport> weeklyMaintenance() {
        Optional<LeaseManager.Lease> lease = leases.tryAcquire(MAINTENANCE_LEASE, properties.getLeaseTtl());
        if (lease.isEmpty()) {
            LOG.info("table maintenance skipped: another run holds the lease");
            return Optional.empty();
        }
        try (LeaseManager.Lease held = lease.get()) {
            long started = clock.millis();
            MaintenanceReport report = recorder.record(JobNames.MAINTENANCE, () -> new Details<>(maintenance.run())).report();
            sizeRecorder.recordDuration(HousekeepingTask.WEEKLY_MAINTENANCE.taskName(), clock.millis(),
                    (clock.millis() - started) / 1000.0);
            return Optional.of(report);
        }
    }

    private HourlyReport hourlyWork() {
        long started = clock.millis();
        long now = started;
        List<PartitionReport> partitioned = new ArrayList<>();
        List<SweepReport> swept = new ArrayList<>();
        for (TimeSeriesTable table : TimeSeriesTable.all(properties)) {
            Optional<PartitionReport> report = partitions.maintain(table, now);
            if (report.isPresent()) {
                partitioned.add(report.get());
            } else {
                swept.add(sweeper.sweep(table, now));
            }
        }
        AlertHistoryReport alerts = alertHistory.sweep(now);
        long logLinesDeleted = logLines.sweep(now);
        List<RollupReport> rolled = rollups.rollUp(now);
        DatabaseSize size = sizeRecorder.measureAndStore();
        long duration = clock.millis() - started;
        sizeRecorder.recordDuration(HousekeepingTask.HOURLY.taskName(), clock.millis(), duration / 1000.0);
        HourlyReport report = new HourlyReport(partitioned, swept, alerts, logLinesDeleted, rolled, size.totalBytes(), duration);
        LOG.info("housekeeping done: {}", toJson(report));
        return report;
    }

    private String toJson(Object report) {
        try {
            return json.writeValueAsString(report);
        } catch (IOException e) {
            return report.toString();
        }
    }

    /** Wraps a report so job_runs.details holds it as JSON rather than a record's toString. */
    private final class Details<T> {
        private final T report;

        Details(T report) {
            this.report = report;
        }

        T report() {
            return report;
        }

        @Override
        public String toString() {
            return toJson(report);
        }
    }
}
