package dev.vigil.ingest.dbstats;

import dev.vigil.core.db.Sql;
import dev.vigil.core.retention.StorageEngine;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The partitions housekeeping keeps (RANGE by day on the time-series tables), read from
 * information_schema; the embedded database has none, so it answers an empty list.
 */
@Singleton
public class PartitionListing {

    private static final String PARTITIONS = """
            SELECT TABLE_NAME, PARTITION_NAME, PARTITION_DESCRIPTION, COALESCE(TABLE_ROWS, 0),
                   COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0)
              FROM information_schema.PARTITIONS
             WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
             ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION""";

    private final ConnectionOperations<Connection> connections;

    public PartitionListing(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    public List<TablePartitions> list() {
        return connections.executeRead(status -> {
            Connection c = status.getConnection();
            return Sql.call("could not list the partitions", () -> {
                return StorageEngine.of(c) == StorageEngine.MYSQL ? read(c) : List.of();
            });
        });
    }

    private static List<TablePartitions> read(Connection c) throws SQLException {
        Map<String, List<TablePartitions.Part>> byTable = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PARTITIONS)) {
            while (rs.next()) {
                String bound = rs.getString(3);
                Long lessThan = bound == null || bound.trim().equalsIgnoreCase("MAXVALUE") ? null : parseBound(bound);
                byTable.computeIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT), t -> new ArrayList<>())
                        .add(new TablePartitions.Part(rs.getString(2), lessThan, rs.getLong(4), rs.getLong(5)));
            }
        }
        List<TablePartitions> out = new ArrayList<>();
        byTable.forEach((table, parts) -> out.add(new TablePartitions(table,
                parts.stream().mapToLong(TablePartitions.Part::rows).sum(),
                parts.stream().mapToLong(TablePartitions.Part::bytes).sum(), List.copyOf(parts))));
        return out;
    }

    /** Housekeeping's bounds are epoch milliseconds; a bound it did not write (an expression) is shown as none. */
    private static Long parseBound(String bound) {
        try {
            return Long.parseLong(bound.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
