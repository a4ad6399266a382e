package dev.vigil.core.query;

import dev.vigil.core.db.StorageException;
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
import java.util.List;
import java.util.Optional;

/**
 * Points of the series matching a host and/or metric over [from, to]. With a step, points are
 * averaged per step-aligned bucket; without one, raw samples are returned. Ranges over a day, or
 * steps of 5 minutes and more, are answered from housekeeping's rollups.
 */
@Singleton
public class SeriesRangeQuery {

    /** Refuse ranges that would return more points than a client can sensibly draw. */
    public static final int MAX_POINTS = 500_000;

    private final ConnectionOperations<Connection> connections;

    public SeriesRangeQuery(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    public record Selector(@Nullable String host, @Nullable String metric, long from, long to, long step) {
    }

    private record SeriesRow(long id, String host, String metric, String labels) {
    }

    /** Thrown when the answer would exceed {@link #MAX_POINTS}; the caller asks for a larger step. */
    public static class TooManyPointsException extends RuntimeException {
        public TooManyPointsException() {
            super("the range holds more than " + MAX_POINTS + " points; ask for a larger step or a shorter range");
        }
    }

    public List<SeriesPoints> find(Selector selector) {
        return connections.executeRead(status -> {
            try {
                Connection c = status.getConnection();
                List<SeriesPoints> result = new ArrayList<>();
                int total = 0;
                for (SeriesRow row : matchingSeries(c, selector)) {
                    List<Object[]> points = points(c, row.id(), selector);
                    total += points.size();
                    if (total > MAX_POINTS) {
                        throw new TooManyPointsException();
                    }
                    if (!points.isEmpty()) {
                        result.add(new SeriesPoints(row.host(), row.metric(), Labels.fromJson(row.labels()), points));
                    }
                }
                return result;
            } catch (SQLException e) {
                throw new StorageException("could not read series", e);
            }
        });
    }

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
        sql.append(" ORDER BY h.name, s.metric, s.labels");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
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
    private static List<Object[]> points(Connection c, long seriesId, Selector selector) throws SQLException {
        Optional<RollupResolution> resolution = ResolutionChoice.forRange(selector.from(), selector.to(), selector.step());
        if (resolution.isPresent()) {
            return RollupRangeReader.points(c, seriesId, selector.from(), selector.to(), selector.step(), resolution.get());
        }
        return rawPoints(c, seriesId, selector);
    }

    private static List<Object[]> rawPoints(Connection c, long seriesId, Selector selector) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts, value FROM samples WHERE series_id = ? AND ts >= ? AND ts <= ? ORDER BY ts")) {
            ps.setLong(1, seriesId);
            ps.setLong(2, selector.from());
            ps.setLong(3, selector.to());
            List<Object[]> points = new ArrayList<>();
            long bucket = Long.MIN_VALUE;
            double sum = 0;
            int count = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long ts = rs.getLong(1);
                    double value = rs.getDouble(2);
                    if (selector.step() <= 0) {
                        points.add(new Object[]{ts, value});
                        if (points.size() > MAX_POINTS) {
                            throw new TooManyPointsException();
                        }
                        continue;
                    }
                    long b = ts - Math.floorMod(ts, selector.step());
                    if (b != bucket && count > 0) {
                        points.add(new Object[]{bucket, sum / count});
                        sum = 0;
                        count = 0;
                    }
                    bucket = b;
                    sum += value;
                    count++;
                }
            }
            if (count > 0) {
                points.add(new Object[]{bucket, sum / count});
            }
            return points;
        }
    }
}
