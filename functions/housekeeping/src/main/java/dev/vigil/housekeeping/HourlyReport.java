package dev.vigil.housekeeping;

import dev.vigil.housekeeping.partition.PartitionReport;
import dev.vigil.housekeeping.retention.AlertHistoryReport;
import dev.vigil.housekeeping.retention.SweepReport;
import dev.vigil.housekeeping.rollup.RollupReport;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What one hourly run did; stored as JSON in job_runs.details and logged. */
@Serdeable
public record HourlyReport(List<PartitionReport> partitions,
                           List<SweepReport> sweeps,
                           AlertHistoryReport alertHistory,
                           long logLinesDeleted,
                           List<RollupReport> rollups,
                           long databaseBytes,
                           long durationMillis) {
}
