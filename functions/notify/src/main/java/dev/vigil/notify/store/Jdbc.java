package dev.vigil.notify.store;

import dev.vigil.core.db.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Deprecated: use {@link Sql}. Kept only as a delegation for the alert readers and writers
 * ({@code AlertRows}, {@code MetaAlerts}) that the alert-store restructuring moves; delete it with them.
 */
@Deprecated
public final class Jdbc {

    private Jdbc() {
    }

    public static <T> List<T> query(Connection c, String sql, Sql.RowMapper<T> mapper, Object... params) {
        return Sql.query(c, sql, mapper, params);
    }

    public static int update(Connection c, String sql, Object... params) {
        return Sql.update(c, sql, params);
    }

    public static long insert(Connection c, String sql, Object... params) {
        return Sql.insert(c, sql, params);
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        return Sql.nullableLong(rs, column);
    }

    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        return Sql.nullableDouble(rs, column);
    }
}
