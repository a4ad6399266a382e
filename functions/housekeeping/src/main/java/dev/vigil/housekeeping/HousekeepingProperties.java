package dev.vigil.housekeeping;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** {@code vigil.housekeeping.*}: how long each kind of data lives and how hard each run may work. */
@ConfigurationProperties("vigil.housekeeping")
public class HousekeepingProperties {

    /** Raw samples: enough for a month of incident review at full resolution. */
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_ROLLUP_5M_RETENTION = Duration.ofDays(90);
    /** Just over a year, so this month can be compared with the same month last year. */
    public static final Duration DEFAULT_ROLLUP_1H_RETENTION = Duration.ofDays(400);
    /** Resolved alerts, their events and delivered or dead notifications. */
    public static final Duration DEFAULT_ALERT_RETENTION = Duration.ofDays(90);
    /** A week of empty partitions ahead: a housekeeping outage of up to a week costs no partition work later. */
    public static final int DEFAULT_PARTITIONS_AHEAD = 7;
    /**
     * Converting a table to partitions copies it while writes wait (MySQL cannot do it online), about
     * a few seconds per million rows here; above this size it is left to an operator's maintenance
     * window and the table is expired by batched deletes meanwhile.
     */
    public static final long DEFAULT_MAX_ROWS_TO_PARTITION = 2_000_000;
    /** Rows per DELETE: each statement commits in milliseconds, so ingest never waits on it for long. */
    public static final int DEFAULT_DELETE_BATCH_ROWS = 5_000;
    /** Series per rollup or delete statement: one PK range each, a few thousand rows per statement. */
    public static final int DEFAULT_SERIES_PER_STATEMENT = 200;
    /** Windows this recent are rolled up again each run, so samples arriving this late are included. */
    public static final Duration DEFAULT_ROLLUP_LOOKBACK = Duration.ofMinutes(15);
    /** A window is rolled up only once it ended this long ago: agents post every 15 s. */
    public static final Duration DEFAULT_ROLLUP_SETTLE = Duration.ofMinutes(1);
    /** On the first run, rollups start this far back (older raw data stays raw-only). */
    public static final Duration DEFAULT_ROLLUP_BACKFILL = Duration.ofDays(2);
    /**
     * A run stops rolling up after the slice that exceeds this, well inside Lambda's 15 minutes; a long
     * catch-up (an upgraded install with history) spreads over several runs, a fresh one takes one.
     */
    public static final Duration DEFAULT_ROLLUP_TIME_BUDGET = Duration.ofMinutes(5);
    /** Shorter than the hourly schedule: a crashed run never blocks the next one. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(50);
    /** OPTIMIZE only pays when it gives back this share of a table and at least {@link #DEFAULT_OPTIMIZE_MIN_FREE_BYTES}. */
    public static final double DEFAULT_OPTIMIZE_MIN_FREE_RATIO = 0.2;
    public static final long DEFAULT_OPTIMIZE_MIN_FREE_BYTES = 64L * 1024 * 1024;

    @NotNull
    private Duration rawRetention = DEFAULT_RAW_RETENTION;
    @NotNull
    private Duration rollup5mRetention = DEFAULT_ROLLUP_5M_RETENTION;
    @NotNull
    private Duration rollup1hRetention = DEFAULT_ROLLUP_1H_RETENTION;
    @NotNull
    private Duration alertRetention = DEFAULT_ALERT_RETENTION;
    @Min(1)
    @Max(60)
    private int partitionsAhead = DEFAULT_PARTITIONS_AHEAD;
    @Min(0)
    private long maxRowsToPartition = DEFAULT_MAX_ROWS_TO_PARTITION;
    @Min(1)
    private int deleteBatchRows = DEFAULT_DELETE_BATCH_ROWS;
    @Min(1)
    @Max(5000)
    private int seriesPerStatement = DEFAULT_SERIES_PER_STATEMENT;
    @NotNull
    private Duration rollupLookback = DEFAULT_ROLLUP_LOOKBACK;
    @NotNull
    private Duration rollupSettle = DEFAULT_ROLLUP_SETTLE;
    @NotNull
    private Duration rollupBackfill = DEFAULT_ROLLUP_BACKFILL;
    @NotNull
    private Duration rollupTimeBudget = DEFAULT_ROLLUP_TIME_BUDGET;
    @NotNull
    private Duration leaseTtl = DEFAULT_LEASE_TTL;
    private double optimizeMinFreeRatio = DEFAULT_OPTIMIZE_MIN_FREE_RATIO;
    private long optimizeMinFreeBytes = DEFAULT_OPTIMIZE_MIN_FREE_BYTES;

    public Duration getRawRetention() { return rawRetention; }
    public void setRawRetention(Duration v) { rawRetention = v; }
    public Duration getRollup5mRetention() { return rollup5mRetention; }
    public void setRollup5mRetention(Duration v) { rollup5mRetention = v; }
    public Duration getRollup1hRetention() { return rollup1hRetention; }
    public void setRollup1hRetention(Duration v) { rollup1hRetention = v; }
    public Duration getAlertRetention() { return alertRetention; }
    public void setAlertRetention(Duration v) { alertRetention = v; }
    public int getPartitionsAhead() { return partitionsAhead; }
    public void setPartitionsAhead(int v) { partitionsAhead = v; }
    public long getMaxRowsToPartition() { return maxRowsToPartition; }
    public void setMaxRowsToPartition(long v) { maxRowsToPartition = v; }
    public int getDeleteBatchRows() { return deleteBatchRows; }
    public void setDeleteBatchRows(int v) { deleteBatchRows = v; }
    public int getSeriesPerStatement() { return seriesPerStatement; }
    public void setSeriesPerStatement(int v) { seriesPerStatement = v; }
    public Duration getRollupLookback() { return rollupLookback; }
    public void setRollupLookback(Duration v) { rollupLookback = v; }
    public Duration getRollupSettle() { return rollupSettle; }
    public void setRollupSettle(Duration v) { rollupSettle = v; }
    public Duration getRollupBackfill() { return rollupBackfill; }
    public void setRollupBackfill(Duration v) { rollupBackfill = v; }
    public Duration getRollupTimeBudget() { return rollupTimeBudget; }
    public void setRollupTimeBudget(Duration v) { rollupTimeBudget = v; }
    public Duration getLeaseTtl() { return leaseTtl; }
    public void setLeaseTtl(Duration v) { leaseTtl = v; }
    public double getOptimizeMinFreeRatio() { return optimizeMinFreeRatio; }
    public void setOptimizeMinFreeRatio(double v) { optimizeMinFreeRatio = v; }
    public long getOptimizeMinFreeBytes() { return optimizeMinFreeBytes; }
    public void setOptimizeMinFreeBytes(long v) { optimizeMinFreeBytes = v; }
}
