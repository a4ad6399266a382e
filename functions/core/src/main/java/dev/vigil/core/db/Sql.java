package dev.vigil.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one idiom for hand-written SQL (where a repository does not pay: bulk writes, time-window
 * aggregations, locks): statement shapes that read as SQL plus mapping, and {@link #call}/{@link #run}
 * for longer JDBC code, each turning a {@link SQLException} into a {@link StorageException} that
 * says what failed.
 */
public final class Sql {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Longest IN list one statement gets; larger sets go in chunks. */
    public static final int MAX_IN = 500;

    /** JDBC work that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T> {
        T get() throws SQLException;
    }

    /** JDBC work without a result. */
    @FunctionalInterface
    public interface Action {
        void run() throws SQLException;
    }

    private Sql() {
    }

    /** Runs {@code work}; a {@link SQLException} becomes a {@link StorageException} with {@code failure} as its message. */
    public static <T> T call(String failure, Work<T> work) {
        try {
            return work.get();
        } catch (SQLException e) {
            throw new StorageException(failure, e);
        }
    }

    /** {@link #call} without a result. */
    public static void run(String failure, Action action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw new StorageException(failure, e);
        }
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StorageException("query failed: " + firstWords(sql), e);
        }
    }

    public static int update(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("update failed: " + firstWords(sql), e);
        }
    }

    /**
     * One statement run once per parameter row, sent as one JDBC batch (a single round trip with
     * Connector/J's rewriteBatchedStatements). Per-row statements keep each row's own update count,
     * and a short table is never scanned (MariaDB scans, and locks, a small table for a long IN list).
     */
    public static int[] batchUpdate(Connection c, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    throw new StorageException("batch update gave no row counts: " + firstWords(sql), null);
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new StorageException("batch update failed: " + firstWords(sql), e);
        }
    }

    /** One statement per parameter row in one JDBC batch, for writes whose row counts do not matter (upserts). */
    public static void batch(Connection c, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StorageException("batch failed: " + firstWords(sql), e);
        }
    }

    /** @return the generated key, or -1 when nothing was inserted (INSERT IGNORE hit a unique key) */
    public static long insert(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            if (ps.executeUpdate() == 0) {
                return -1;
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new StorageException("insert failed: " + firstWords(sql), e);
        }
    }

    /** "?, ?, ?" for an IN list. */
    public static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(Math.max(1, n), "?"));
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static String firstWords(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    public static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    public static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    public static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    public static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        // MySQL refuses NaN/Infinity; an unbounded value (a trend heading nowhere) is stored as unknown
        if (v == null || v.isNaN() || v.isInfinite()) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
