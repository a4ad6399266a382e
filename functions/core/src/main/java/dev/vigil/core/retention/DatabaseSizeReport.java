package dev.vigil.core.retention;

import dev.vigil.core.db.Sql;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.sample.SeriesKey;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the database: total size, size and rows per table, and growth per day judged from the
 * size samples housekeeping stored under host {@value SelfHost#NAME}. Used by housekeeping (which
 * stores the figures as samples so the default rules alert on Vigil's own database) and by
 * {@code GET /api/v1/db-stats}.
 */
@Singleton
public class DatabaseSizeReport {

    /** The host under which Vigil stores measurements of itself. */
    public static final String DATABASE_SIZE_METRIC = "mysql_database_size_bytes";
    public static final String TABLE_SIZE_METRIC = "vigil_table_size_bytes";
    public static final String TABLE_ROWS_METRIC = "vigil_table_rows";
    /** Growth is judged over at most this much history, and not before an hour has passed. */
    static final Duration GROWTH_WINDOW = Duration.ofDays(7);
    static final Duration GROWTH_MIN_SPAN = Duration.ofHours(1);

    private static final String MYSQL_TABLES = """
            SELECT TABLE_NAME, COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0), COALESCE(TABLE_ROWS, 0),
                   COALESCE(DATA_FREE, 0)
              FROM information_schema.TABLES
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'
             ORDER BY TABLE_NAME""";
    private static final String EMBEDDED_TABLES = """
            SELECT TABLE_NAME, DISK_SPACE_USED(TABLE_NAME), COALESCE(ROW_COUNT_ESTIMATE, 0), 0
              FROM INFORMATION_SCHEMA.TABLES
             WHERE TABLE_SCHEMA = SCHEMA() AND TABLE_TYPE = 'BASE TABLE'
             ORDER BY TABLE_NAME""";
    private static final String OLDEST_SIZE_SAMPLE = """
            SELECT s.ts, s.value
              FROM samples s
              JOIN series r ON r.id = s.series_id
              JOIN hosts h ON h.id = r.host_id
             WHERE h.name = ? AND r.series_hash = ? AND s.ts >= ?
             ORDER BY s.ts
             LIMIT 1""";

    private final ConnectionOperations<Connection> connections;
    private final Clock clock;

    public DatabaseSizeReport(ConnectionOperations<Connection> connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** The current sizes, with growth per day when earlier size samples exist. */
    public DatabaseSize measure() {
        return connections.executeRead(status -> {
            return Sql.call("could not measure the database", () -> {
                Connection c = status.getConnection();
                DatabaseSize size = sizes(c);
                return size.withGrowth(growthPerDay(c, size));
            });
        });
    }

    private DatabaseSize sizes(Connection c) throws SQLException {
        StorageEngine engine = StorageEngine.of(c);
        if (engine == StorageEngine.MYSQL) {
            // MySQL 8 caches these statistics for a day by default; MariaDB has no such variable.
            try (Statement st = c.createStatement()) {
                st.execute("SET SESSION information_schema_stats_expiry = 0");
            } catch (SQLException ignored) {
                // not Sql.run: MariaDB has no such variable, and its statistics are always current
            }
        }
        List<TableSize> tables = new ArrayList<>();
        long totalBytes = 0;
        long totalRows = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(engine == StorageEngine.MYSQL ? MYSQL_TABLES : EMBEDDED_TABLES)) {
            while (rs.next()) {
                TableSize t = new TableSize(rs.getString(1).toLowerCase(java.util.Locale.ROOT),
                        rs.getLong(2), rs.getLong(3), rs.getLong(4));
                tables.add(t);
                totalBytes += t.bytes();
                totalRows += t.rows();
            }
        }
        return new DatabaseSize(schemaName(c), engine, clock.millis(), totalBytes, totalRows, null, tables);
    }

    private Double growthPerDay(Connection c, DatabaseSize now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OLDEST_SIZE_SAMPLE)) {
            ps.setString(1, SelfHost.NAME);
            ps.setString(2, databaseSizeSeries(now.schema()).hash());
            ps.setLong(3, now.measuredAt() - GROWTH_WINDOW.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long span = now.measuredAt() - rs.getLong(1);
                if (span < GROWTH_MIN_SPAN.toMillis()) {
                    return null;
                }
                return (now.totalBytes() - rs.getDouble(2)) * Duration.ofDays(1).toMillis() / span;
            }
        }
    }

    public static SeriesKey databaseSizeSeries(String schema) {
        return new SeriesKey(DATABASE_SIZE_METRIC, Map.of("schema", schema));
    }

    public static String schemaName(Connection c) throws SQLException {
        String catalog = c.getCatalog();
        return catalog == null ? "vigil" : catalog;
    }
}
