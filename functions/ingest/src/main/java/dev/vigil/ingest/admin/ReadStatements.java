package dev.vigil.ingest.admin;

import dev.vigil.core.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only SQL of the API's read models (alert detail, notification history): parameters are always bound,
 * never spliced, and every read of one answer runs on one connection.
 */
@Singleton
public class ReadStatements {

    private final ConnectionOperations<Connection> connections;

    public ReadStatements(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface Reads<R> {
        R run(Session session) throws SQLException;
    }

    /** The statements of one answer, on one connection. */
    public interface Session {
        <T> List<T> list(String sql, Row<T> row, List<?> params) throws SQLException;
    }

    public <R> R read(String what, Reads<R> reads) {
        return connections.executeRead(status -> {
            Connection c = status.getConnection();
            return Sql.call("could not read " + what, () -> {
                return reads.run(new Session() {
                    @Override
                    public <T> List<T> list(String sql, Row<T> row, List<?> params) throws SQLException {
                        return ReadStatements.list(c, sql, row, params);
                    }
                });
            });
        });
    }

    private static <T> List<T> list(Connection c, String sql, Row<T> row, List<?> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        }
    }

    /** AND-ed conditions of a filtered read; a condition whose value is null (no filter) is left out. */
    public static final class Where {
        private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        private final List<Object> params = new ArrayList<>();

        /** {@code condition} has exactly one {@code ?}, bound to {@code value}. */
        public Where and(String condition, @Nullable Object value) {
            if (value != null) {
                sql.append(" AND ").append(condition);
                params.add(value);
            }
            return this;
        }

        public String sql() {
            return sql.toString();
        }

        public List<Object> params() {
            return params;
        }
    }

    /** "?, ?, ?" for an IN list of {@code n} bound values. */
    public static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
