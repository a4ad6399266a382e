package dev.vigil.housekeeping.rollup;

import dev.vigil.core.rollup.RollupResolution;

/**
 * The rollup statements; they run unchanged on MySQL, MariaDB and H2 (MySQL mode). Each is an
 * upsert of whole windows, so re-running a window rewrites the same rows.
 */
final class RollupSql {

    private static final String UPSERT = " ON DUPLICATE KEY UPDATE min_value = VALUES(min_value),"
            + " max_value = VALUES(max_value), avg_value = VALUES(avg_value), sample_count = VALUES(sample_count)";

    static final String WATERMARK = "SELECT done_until FROM rollup_watermarks WHERE resolution = ?";
    static final String SAVE_WATERMARK = "INSERT INTO rollup_watermarks (resolution, done_until) VALUES (?, ?)"
            + " ON DUPLICATE KEY UPDATE done_until = GREATEST(done_until, VALUES(done_until))";

    private RollupSql() {
    }

    /** 5-minute windows straight from raw samples. */
    static String fromSamples(int seriesCount) {
        long w = RollupResolution.FIVE_MINUTES.widthMillis();
        String bucket = "ts - MOD(ts, " + w + ")";
        return "INSERT INTO rollup_5m (series_id, bucket_ts, min_value, max_value, avg_value, sample_count)"
                + " SELECT series_id, " + bucket + ", MIN(value), MAX(value), AVG(value), COUNT(*)"
                + " FROM samples WHERE series_id IN (" + placeholders(seriesCount) + ") AND ts >= ? AND ts < ?"
                + " GROUP BY series_id, " + bucket + UPSERT;
    }

    /**
     * Hourly windows from the twelve 5-minute rows of each hour: a twentieth of the raw rows to read.
     * The hourly average is weighted by each window's count, so it equals the average of the raw samples.
     */
    static String fromFiveMinutes(int seriesCount) {
        long w = RollupResolution.ONE_HOUR.widthMillis();
        String bucket = "bucket_ts - MOD(bucket_ts, " + w + ")";
        return "INSERT INTO rollup_1h (series_id, bucket_ts, min_value, max_value, avg_value, sample_count)"
                + " SELECT series_id, " + bucket + ", MIN(min_value), MAX(max_value),"
                + " SUM(avg_value * sample_count) / SUM(sample_count), SUM(sample_count)"
                + " FROM rollup_5m WHERE series_id IN (" + placeholders(seriesCount) + ") AND bucket_ts >= ? AND bucket_ts < ?"
                + " GROUP BY series_id, " + bucket + UPSERT;
    }

    private static String placeholders(int n) {
        return "?,".repeat(n - 1) + "?";
    }
}
