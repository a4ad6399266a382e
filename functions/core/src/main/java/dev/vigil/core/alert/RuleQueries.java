package dev.vigil.core.alert;

import dev.vigil.core.db.StorageException;
import dev.vigil.core.rules.Aggregation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every read of the evaluator, in one place: one statement per rule across all hosts, never one
 * per host. Current values come from latest_values; windows are range scans of the samples primary
 * key (series_id, ts) for the series of one metric (ix_series_metric_host). Portable SQL only, so
 * the same text runs on MySQL, MariaDB and H2.
 */
final class RuleQueries {

    /** One series' number for a rule, with its host and labels. */
    record SeriesNumber(long seriesId, int hostId, String host, String labelsJson, double value, long ts) {
    }

    /** Least-squares sums over one series' window; x is seconds relative to the evaluation time. */
    record TrendSums(long seriesId, int hostId, String host, String labelsJson, long n, double sx, double sy,
                     double sxy, double sxx, long minTs, long maxTs, double latest) {
    }

    record HostSeen(int hostId, String host, long lastSeenAt) {
    }

    private static final String LATEST = """
            SELECT s.id, s.host_id, h.name, s.labels, l.value, l.ts
              FROM series s
              JOIN hosts h ON h.id = s.host_id
              JOIN latest_values l ON l.series_id = s.id
             WHERE s.metric = ? AND h.revoked_at IS NULL AND l.ts >= ?""";

    private static final String WINDOW = """
            SELECT s.id, s.host_id, h.name, s.labels, a.v, a.ts
              FROM (SELECT x.series_id, %s(x.value) AS v, MAX(x.ts) AS ts
                      FROM series w JOIN samples x ON x.series_id = w.id AND x.ts > ? AND x.ts <= ?
                     WHERE w.metric = ?
                     GROUP BY x.series_id) a
              JOIN series s ON s.id = a.series_id
              JOIN hosts h ON h.id = s.host_id
             WHERE h.revoked_at IS NULL""";

    private static final String TREND = """
            SELECT s.id, s.host_id, h.name, s.labels, a.n, a.sx, a.sy, a.sxy, a.sxx, a.mints, a.maxts, l.value
              FROM (SELECT x.series_id, COUNT(*) AS n,
                           SUM((x.ts - ?) * ?) AS sx, SUM(x.value) AS sy,
                           SUM(x.value * ((x.ts - ?) * ?)) AS sxy,
                           SUM(((x.ts - ?) * ?) * ((x.ts - ?) * ?)) AS sxx,
                           MIN(x.ts) AS mints, MAX(x.ts) AS maxts
                      FROM series w JOIN samples x ON x.series_id = w.id AND x.ts > ? AND x.ts <= ?
                     WHERE w.metric = ?
                     GROUP BY x.series_id) a
              JOIN series s ON s.id = a.series_id
              JOIN hosts h ON h.id = s.host_id
              JOIN latest_values l ON l.series_id = s.id
             WHERE h.revoked_at IS NULL""";

    private static final String HOSTS_SEEN =
            "SELECT id, name, last_seen_at FROM hosts WHERE revoked_at IS NULL AND last_seen_at IS NOT NULL";

    private final Connection connection;
    private int statements;

    RuleQueries(Connection connection) {
        this.connection = connection;
    }

    int statements() {
        return statements;
    }

    List<SeriesNumber> latest(String metric, long freshSince) {
        return numbers(LATEST, ps -> {
            ps.setString(1, metric);
            ps.setLong(2, freshSince);
        });
    }

    List<SeriesNumber> window(String metric, Aggregation aggregation, long from, long to) {
        String function = switch (aggregation) {
            case AVG -> "AVG";
            case MIN -> "MIN";
            case MAX -> "MAX";
            case LAST -> throw new IllegalArgumentException("LAST reads latest_values");
        };
        return numbers(WINDOW.formatted(function), ps -> {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setString(3, metric);
        });
    }

    List<TrendSums> trend(String metric, long from, long now) {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(TREND)) {
            // ms -> s through a DOUBLE parameter: a literal 0.001 would make MySQL sum in slow DECIMAL
            for (int i = 0; i < 4; i++) {
                ps.setLong(1 + 2 * i, now);
                ps.setDouble(2 + 2 * i, 0.001);
            }
            ps.setLong(9, from);
            ps.setLong(10, now);
            ps.setString(11, metric);
            List<TrendSums> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TrendSums(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getLong(10),
                            rs.getLong(11), rs.getDouble(12)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("could not read the trend of " + metric, e);
        }
    }

    List<HostSeen> hostsSeen() {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(HOSTS_SEEN);
             ResultSet rs = ps.executeQuery()) {
            List<HostSeen> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new HostSeen(rs.getInt(1), rs.getString(2), rs.getLong(3)));
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("could not read hosts", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<SeriesNumber> numbers(String sql, Binder binder) {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            List<SeriesNumber> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SeriesNumber(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getDouble(5), rs.getLong(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("could not evaluate " + sql.lines().findFirst().orElse(""), e);
        }
    }
}
