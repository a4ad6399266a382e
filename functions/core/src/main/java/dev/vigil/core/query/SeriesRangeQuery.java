package dev.vigil.core.query;

import dev.vigil.core.db.Sql;
import dev.vigil.core.rollup.ResolutionChoice;
import dev.vigil.core.rollup.RollupRangeReader;
import dev.vigil.core.rollup.RollupResolution;
import dev.vigil.core.sample.Labels;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points of the series matching a host and/or metric over [from, to]. With a step, points are
 * averaged per step-aligned bucket; without one, raw samples are returned. Ranges over a day, or
 * steps of 5 minutes and more, are answered from housekeeping's rollups.
 *
 * <p>The number of statements is bounded whatever the number of series: one for the matching series
 * (at most {@code limit} of them), then one per {@link #SERIES_PER_STATEMENT} series for the points
 * (two from rollups: the rolled-up part and the raw tail, plus one for the rollup watermark).
 */
@Singleton
public class SeriesRangeQuery {

    /** Refuse ranges that would return more points than a client can sensibly draw. */
    public static final int MAX_POINTS = 500_000;
    /** Series answered when the caller gives no limit: more than any dashboard panel draws. */
    public static final int DEFAULT_SERIES_LIMIT = 1_000;
    /** The most series one request may ask for (the active-series limit of one host by default). */
    public static final int MAX_SERIES_LIMIT = 10_000;
    /** Series ids per IN list: far below every engine's parameter limit, few enough statements for 10,000 series. */
    public static final int SERIES_PER_STATEMENT = 500;

    private final ConnectionOperations<Connection> connections;

    public SeriesRangeQuery(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    /** {@code limit} caps the matching series (1..{@link #MAX_SERIES_LIMIT}). */
    public record Selector(@Nullable String host, @Nullable String metric, long from, long to, long step, int limit) {

        public Selector {
            if (limit < 1 || limit > MAX_SERIES_LIMIT) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_SERIES_LIMIT);
            }
        }

        public Selector(@Nullable String host, @Nullable String metric, long from, long to, long step) {
            this(host, metric, from, to, step, DEFAULT_SERIES_LIMIT);
        }
    }

    /** The answer; {@code truncated} when more series matched than the limit allowed. */
    public record SeriesPage(List<SeriesPoints> series, boolean truncated) {
    }

    private record SeriesRow(long id, String host, String metric, String labels) {
    }

    /** Thrown when the answer would exceed {@link #MAX_POINTS}; the caller asks for a larger step. */
    public static class TooManyPointsException extends RuntimeException {
        public TooManyPointsException() {
            super("the range holds more than " + MAX_POINTS + " points; ask for a larger step, a shorter range or fewer series");
        }
    }

    public List<SeriesPoints> find(Selector selector) {
        return page(selector).series();
    }

    public SeriesPage page(Selector selector) {
        return connections.executeRead(status -> {
            return Sql.call("could not read series", () -> {
                Connection c = status.getConnection();
                List<SeriesRow> rows = matchingSeries(c, selector);
                boolean truncated = rows.size() > selector.limit();
                if (truncated) {
                    rows = rows.subList(0, selector.limit());
                }
                Map<Long, List<Object[]>> points = points(c, rows, selector);
                List<SeriesPoints> result = new ArrayList<>();
                for (SeriesRow row : rows) {
                    List<Object[]> p = points.get(row.id());
                    if (p != null && !p.isEmpty()) {
                        result.add(new SeriesPoints(row.host(), row.metric(), Labels.fromJson(row.labels()), p));
                    }
                }
                return new SeriesPage(result, truncated);
            });
        });
    }

    /** One more row than the limit, so a cut answer can say so. */
    private static List<SeriesRow> matchingSeries(Connection c, Selector selector) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "SELECT s.id, h.name, s.metric, s.labels FROM series s JOIN hosts h ON h.id = s.host_id WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (selector.host() != null) {
            sql.append(" AND h.name = ?");
            args.add(selector.host());
        }
        if (selector.metric() != null) {
            sql.append(" AND s.metric = ?");
            args.add(selector.metric());
        }
        sql.append(" ORDER BY h.name, s.metric, s.labels LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            ps.setInt(args.size() + 1, selector.limit() + 1);
            List<SeriesRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new SeriesRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        }
    }

    /** Long ranges and wide steps come from rollups (see {@link ResolutionChoice}); the rest from raw samples. */
    private static Map<Long, List<Object[]>> points(Connection c, List<SeriesRow> rows, Selector selector) throws SQLException {
        Optional<RollupResolution> resolution = ResolutionChoice.forRange(selector.from(), selector.to(), selector.step());
        Map<Long, List<Object[]>> points = new HashMap<>(rows.size() * 2);
        int total = 0;
        long rolledUntil = resolution.isPresent() ? RollupRangeReader.watermark(c, resolution.get()) : 0;
        for (int from = 0; from < rows.size(); from += SERIES_PER_STATEMENT) {
            List<Long> ids = rows.subList(from, Math.min(rows.size(), from + SERIES_PER_STATEMENT))
                    .stream().map(SeriesRow::id).toList();
            Map<Long, List<Object[]>> chunk = resolution.isPresent()
                    ? RollupRangeReader.points(c, ids, selector.from(), selector.to(), selector.step(), resolution.get(), rolledUntil)
                    : rawPoints(c, ids, selector);
            for (List<Object[]> p : chunk.values()) {
                total += p.size();
            }
            if (total > MAX_POINTS) {
                throw new TooManyPointsException();
            }
            points.putAll(chunk);
        }
        return points;
    }

    private static Map<Long, List<Object[]>> rawPoints(Connection c, List<Long> ids, Selector selector) throws SQLException {
        String sql = "SELECT series_id, ts, value FROM samples WHERE series_id IN ("
                + "?,".repeat(ids.size() - 1) + "?) AND ts >= ? AND ts <= ? ORDER BY series_id, ts";
        Map<Long, StepAverager> bySeries = new HashMap<>(ids.size() * 2);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (long id : ids) {
                ps.setLong(p++, id);
            }
            ps.setLong(p++, selector.from());
            ps.setLong(p, selector.to());
            int read = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (++read > MAX_POINTS && selector.step() <= 0) {
                        throw new TooManyPointsException();
                    }
                    bySeries.computeIfAbsent(rs.getLong(1), id -> new StepAverager(selector.step()))
                            .add(rs.getLong(2), rs.getDouble(3));
                }
            }
        }
        Map<Long, List<Object[]>> points = new HashMap<>(bySeries.size() * 2);
        bySeries.forEach((id, averager) -> points.put(id, averager.points()));
        return points;
    }

    /** Raw points of one series in time order, or their averages per step-aligned bucket when a step is given. */
    private static final class StepAverager {
        private final long step;
        private final List<Object[]> points = new ArrayList<>();
        private long bucket = Long.MIN_VALUE;
        private double sum;
        private int count;

        StepAverager(long step) {
            this.step = step;
        }

        void add(long ts, double value) {
            if (step <= 0) {
                points.add(new Object[]{ts, value});
                return;
            }
            long b = ts - Math.floorMod(ts, step);
            if (b != bucket && count > 0) {
                points.add(new Object[]{bucket, sum / count});
                sum = 0;
                count = 0;
            }
            bucket = b;
            sum += value;
            count++;
        }

        List<Object[]> points() {
            if (count > 0) {
                points.add(new Object[]{bucket, sum / count});
                count = 0;
            }
            return points;
        }
    }
}
