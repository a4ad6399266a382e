package dev.vigil.housekeeping.partition;

import dev.vigil.core.db.Sql;
import dev.vigil.core.retention.StorageEngine;
import dev.vigil.housekeeping.HousekeepingProperties;
import dev.vigil.housekeeping.retention.TimeSeriesTable;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a time-series table RANGE-partitioned on MySQL/MariaDB: converts it on the first run while
 * it is still small, keeps {@code partitionsAhead} empty partitions ahead of now, and drops those
 * wholly older than retention, so expiry is a metadata operation instead of a giant DELETE.
 *
 * <p>Writes never fail for lack of a partition: a MAXVALUE catch-all ({@code pmax}) takes any
 * timestamp beyond the last day. It is normally empty (ingest refuses samples more than ten minutes
 * ahead, and a week of days exists ahead), so splitting new days off it moves no rows. If housekeeping
 * was down for over a week, the split copies the rows that landed there: slower, still correct.
 * Each statement holds the table's metadata lock only briefly; concurrent inserts wait, never fail.
 */
@Singleton
public class PartitionMaintainer {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionMaintainer.class);

    private final ConnectionOperations<Connection> connections;
    private final HousekeepingProperties properties;

    public PartitionMaintainer(ConnectionOperations<Connection> connections, HousekeepingProperties properties) {
        this.connections = connections;
        this.properties = properties;
    }

    /**
     * @return what was done, or empty when the table is not partitioned (embedded database, or too large
     * to convert online) and must be expired by batched deletes instead
     */
    public Optional<PartitionReport> maintain(TimeSeriesTable table, long now) {
        return connections.executeWrite(status -> {
            return Sql.call("could not maintain partitions of " + table.table(), () -> {
                return maintain(status.getConnection(), table, now);
            });
        });
    }

    /** The current partitions (empty when the table is not partitioned or the engine has none). */
    public List<Partition> partitions(String table) {
        return connections.executeRead(status -> {
            return Sql.call("could not list partitions of " + table, () -> {
                Connection c = status.getConnection();
                return StorageEngine.of(c) == StorageEngine.MYSQL ? list(c, table) : List.of();
            });
        });
    }

    private Optional<PartitionReport> maintain(Connection c, TimeSeriesTable t, long now) throws SQLException {
        if (StorageEngine.of(c) != StorageEngine.MYSQL) {
            return Optional.empty();
        }
        long width = t.partitionWidth().toMillis();
        List<Partition> parts = list(c, t.table());
        boolean converted = false;
        if (parts.isEmpty()) {
            long rows = estimatedRows(c, t.table());
            if (rows > properties.getMaxRowsToPartition()) {
                LOG.warn("{} holds about {} rows, more than vigil.housekeeping.max-rows-to-partition ({}): not converting "
                                + "it to partitions online (writes would wait for the copy); expiring it by batched deletes. "
                                + "Raise the limit for one run in a maintenance window to convert it.",
                        t.table(), rows, properties.getMaxRowsToPartition());
                return Optional.empty();
            }
            convert(c, t, now, width);
            converted = true;
            parts = list(c, t.table());
        }
        List<String> created = createAhead(c, t, now, width, parts);
        if (!created.isEmpty()) {
            parts = list(c, t.table());
        }
        long cutoff = t.cutoff(now);
        List<Partition> expired = parts.stream()
                .filter(p -> !p.catchAll() && p.lessThan() <= cutoff)
                .toList();
        List<String> dropped = expired.stream().map(Partition::name).toList();
        if (!dropped.isEmpty()) {
            execute(c, PartitionSql.drop(t.table(), dropped));
        }
        long rows = expired.stream().mapToLong(Partition::rows).sum();
        long bytes = expired.stream().mapToLong(Partition::bytes).sum();
        if (converted || !created.isEmpty() || !dropped.isEmpty()) {
            LOG.info("{}: converted={} created={} dropped={} (~{} rows, {} bytes)", t.table(), converted, created, dropped, rows, bytes);
        }
        return Optional.of(new PartitionReport(t.table(), converted, created, dropped, rows, bytes,
                parts.size() - dropped.size()));
    }

    /** One partition per width from the oldest kept data (or today) to the last day ahead, then the catch-all. */
    private void convert(Connection c, TimeSeriesTable t, long now, long width) throws SQLException {
        long today = floor(now, width);
        long first = today;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MIN(" + t.timeColumn() + ") FROM " + t.table())) {
            if (rs.next() && rs.getObject(1) != null) {
                // rows older than the retention cutoff land in the first partition, dropped once it expires
                first = Math.min(today, Math.max(floor(rs.getLong(1), width), floor(t.cutoff(now), width)));
            }
        }
        List<String> definitions = new ArrayList<>();
        for (long start = first; start <= today + properties.getPartitionsAhead() * width; start += width) {
            definitions.add(PartitionSql.definition(start, width));
        }
        definitions.add(PartitionSql.catchAll());
        execute(c, PartitionSql.partitionBy(t.table(), t.timeColumn(), definitions));
    }

    private List<String> createAhead(Connection c, TimeSeriesTable t, long now, long width, List<Partition> parts)
            throws SQLException {
        long wanted = floor(now, width) + (properties.getPartitionsAhead() + 1L) * width;
        long highest = parts.stream().filter(p -> !p.catchAll()).mapToLong(Partition::lessThan).max()
                .orElse(floor(now, width));
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (long start = highest; start < wanted; start += width) {
            definitions.add(PartitionSql.definition(start, width));
            names.add(PartitionSql.name(start));
        }
        if (definitions.isEmpty()) {
            return List.of();
        }
        boolean hasCatchAll = parts.stream().anyMatch(Partition::catchAll);
        if (hasCatchAll) {
            definitions.add(PartitionSql.catchAll());
            execute(c, PartitionSql.reorganizeCatchAll(t.table(), definitions));
        } else {
            execute(c, PartitionSql.add(t.table(), definitions));
        }
        return names;
    }

    private static List<Partition> list(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PartitionSql.LIST)) {
            ps.setString(1, table);
            List<Partition> parts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String bound = rs.getString(2);
                    Long lessThan = bound == null || bound.equalsIgnoreCase("MAXVALUE") ? null : Long.parseLong(bound.trim());
                    parts.add(new Partition(rs.getString(1), lessThan, rs.getLong(3), rs.getLong(4)));
                }
            }
            return parts;
        }
    }

    private static long estimatedRows(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PartitionSql.TABLE_ROWS)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static long floor(long ts, long width) {
        return ts - Math.floorMod(ts, width);
    }
}
