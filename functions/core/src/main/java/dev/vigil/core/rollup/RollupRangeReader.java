package dev.vigil.core.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points of one series over a long range from a rollup table: each stored window contributes its
 * average weighted by its sample count, re-bucketed to the caller's step when that is wider. The
 * stretch after the resolution's watermark (not rolled up yet: the last minutes, or everything
 * when housekeeping never ran) is read from raw samples, so the newest points are never missing.
 */
public final class RollupRangeReader {

    private static final String WATERMARK = "SELECT done_until FROM rollup_watermarks WHERE resolution = ?";
    private static final String RAW_TAIL = "SELECT ts, value FROM samples WHERE series_id = ? AND ts >= ? AND ts <= ?";

    private RollupRangeReader() {
    }

    /** @return {@code [bucketStart, average]} pairs in time order */
    public static List<Object[]> points(Connection c, long seriesId, long from, long to, long step,
                                        RollupResolution resolution) throws SQLException {
        long bucket = Math.max(step, resolution.widthMillis());
        long rolledUntil = watermark(c, resolution);
        Map<Long, double[]> sums = new TreeMap<>();
        if (rolledUntil > from) {
            String sql = "SELECT bucket_ts, avg_value, sample_count FROM " + resolution.table()
                    + " WHERE series_id = ? AND bucket_ts >= ? AND bucket_ts < ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, seriesId);
                ps.setLong(2, resolution.bucketOf(from));
                ps.setLong(3, Math.min(rolledUntil, to + 1));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long count = rs.getLong(3);
                        add(sums, rs.getLong(1), bucket, rs.getDouble(2) * count, count);
                    }
                }
            }
        }
        if (rolledUntil <= to) {
            try (PreparedStatement ps = c.prepareStatement(RAW_TAIL)) {
                ps.setLong(1, seriesId);
                ps.setLong(2, Math.max(from, rolledUntil));
                ps.setLong(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        add(sums, rs.getLong(1), bucket, rs.getDouble(2), 1);
                    }
                }
            }
        }
        List<Object[]> points = new ArrayList<>(sums.size());
        sums.forEach((start, s) -> points.add(new Object[]{start, s[0] / s[1]}));
        return points;
    }

    private static void add(Map<Long, double[]> sums, long ts, long bucket, double sum, long count) {
        double[] s = sums.computeIfAbsent(ts - Math.floorMod(ts, bucket), k -> new double[2]);
        s[0] += sum;
        s[1] += count;
    }

    private static long watermark(Connection c, RollupResolution resolution) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WATERMARK)) {
            ps.setString(1, resolution.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
            }
        }
    }
}
