package dev.vigil.housekeeping.retention;

import dev.vigil.housekeeping.HousekeepingProperties;

import java.time.Duration;
import java.util.List;

/**
 * A table keyed (series_id, time column) whose rows expire by age: raw samples and both rollups.
 * On MySQL each is RANGE-partitioned on its time column, one partition per {@code partitionWidth}.
 */
public record TimeSeriesTable(String table, String timeColumn, Duration partitionWidth, Duration retention) {

    /** Oldest time still kept at {@code now}. */
    public long cutoff(long now) {
        return now - retention.toMillis();
    }

    public static List<TimeSeriesTable> all(HousekeepingProperties p) {
        return List.of(
                new TimeSeriesTable("samples", "ts", Duration.ofDays(1), p.getRawRetention()),
                new TimeSeriesTable("rollup_5m", "bucket_ts", Duration.ofDays(1), p.getRollup5mRetention()),
                // weekly: 400 days in about 58 partitions rather than 400
                new TimeSeriesTable("rollup_1h", "bucket_ts", Duration.ofDays(7), p.getRollup1hRetention()));
    }
}
