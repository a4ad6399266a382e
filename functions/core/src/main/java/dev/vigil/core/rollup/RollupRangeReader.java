package dev.vigil.core.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points of several series over a long range from a rollup table: each stored window contributes
 * its average weighted by its sample count, re-bucketed to the caller's step when that is wider.
 * The stretch after the resolution's watermark (not rolled up yet: the last minutes, or everything
 * when housekeeping never ran) is read from raw samples, so the newest points are never missing.
 * Two statements per call, whatever the number of series.
 */
public final class RollupRangeReader {

    private static final String WATERMARK = "SELECT done_until FROM rollup_watermarks WHERE resolution = ?";

    private RollupRangeReader() {
    }

    /** @return per series id, {@code [bucketStart, average]} pairs in time order (series without points are absent) */
    public static Map<Long, List<Object[]>> points(Connection c, List<Long> seriesIds, long from, long to, long step,
                                                   RollupResolution resolution, long rolledUntil) throws SQLException {
        long bucket = Math.max(step, resolution.widthMillis());
        String in = "series_id IN (" + "?,".repeat(seriesIds.size() - 1) + "?)";
        Map<Long, Map<Long, double[]>> sums = new HashMap<>(seriesIds.size() * 2);
        if (rolledUntil > from) {
            String sql = "SELECT series_id, bucket_ts, avg_value, sample_count FROM " + resolution.table()
                    + " WHERE " + in + " AND bucket_ts >= ? AND bucket_ts < ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = bindIds(ps, seriesIds);
                ps.setLong(p++, resolution.bucketOf(from));
                ps.setLong(p, Math.min(rolledUntil, to + 1));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long count = rs.getLong(4);
                        add(sums, rs.getLong(1), rs.getLong(2), bucket, rs.getDouble(3) * count, count);
                    }
                }
            }
        }
        if (rolledUntil <= to) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT series_id, ts, value FROM samples WHERE " + in + " AND ts >= ? AND ts <= ?")) {
                int p = bindIds(ps, seriesIds);
                ps.setLong(p++, Math.max(from, rolledUntil));
                ps.setLong(p, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        add(sums, rs.getLong(1), rs.getLong(2), bucket, rs.getDouble(3), 1);
                    }
                }
            }
        }
        Map<Long, List<Object[]>> points = new HashMap<>(sums.size() * 2);
        sums.forEach((id, buckets) -> {
            List<Object[]> list = new ArrayList<>(buckets.size());
            buckets.forEach((start, s) -> list.add(new Object[]{start, s[0] / s[1]}));
            points.put(id, list);
        });
        return points;
    }

    /** Up to where this resolution is rolled up; {@link Long#MIN_VALUE} when housekeeping never ran. */
    public static long watermark(Connection c, RollupResolution resolution) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WATERMARK)) {
            ps.setString(1, resolution.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
            }
        }
    }

    private static int bindIds(PreparedStatement ps, List<Long> ids) throws SQLException {
        int p = 1;
        for (long id : ids) {
            ps.setLong(p++, id);
        }
        return p;
    }

    private static void add(Map<Long, Map<Long, double[]>> sums, long seriesId, long ts, long bucket, double sum, long count) {
        double[] s = sums.computeIfAbsent(seriesId, id -> new TreeMap<>())
                .computeIfAbsent(ts - Math.floorMod(ts, bucket), k -> new double[2]);
        s[0] += sum;
        s[1] += count;
    }
}
