package dev.vigil.housekeeping.maintenance;

import dev.vigil.core.db.Sql;
import dev.vigil.core.retention.DatabaseSize;
import dev.vigil.core.retention.DatabaseSizeReport;
import dev.vigil.core.retention.StorageEngine;
import dev.vigil.core.retention.TableSize;
import dev.vigil.housekeeping.HousekeepingProperties;
import dev.vigil.housekeeping.partition.PartitionMaintainer;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Weekly: refreshes optimizer statistics of every table (ANALYZE TABLE; H2: ANALYZE) and rebuilds
 * tables where deletes left much free space (OPTIMIZE TABLE, an online rebuild on InnoDB). Partitioned
 * tables are never optimized: dropping partitions already returns their files whole.
 */
@Singleton
public class TableMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

    private final ConnectionOperations<Connection> connections;
    private final DatabaseSizeReport sizes;
    private final PartitionMaintainer partitions;
    private final HousekeepingProperties properties;

    public TableMaintenance(ConnectionOperations<Connection> connections, DatabaseSizeReport sizes,
                            PartitionMaintainer partitions, HousekeepingProperties properties) {
        this.connections = connections;
        this.sizes = sizes;
        this.partitions = partitions;
        this.properties = properties;
    }

    public MaintenanceReport run() {
        DatabaseSize size = sizes.measure();
        if (size.engine() == StorageEngine.EMBEDDED) {
            execute("ANALYZE");
            return new MaintenanceReport(size.tables().stream().map(TableSize::table).toList(), List.of(), 0);
        }
        List<String> analyzed = new ArrayList<>();
        List<String> optimized = new ArrayList<>();
        long reclaimable = 0;
        for (TableSize t : size.tables()) {
            execute("ANALYZE TABLE " + t.table());
            analyzed.add(t.table());
            if (paysToOptimize(t) && partitions.partitions(t.table()).isEmpty()) {
                LOG.info("optimizing {}: {} of {} bytes free", t.table(), t.freeBytes(), t.bytes());
                execute("OPTIMIZE TABLE " + t.table());
                optimized.add(t.table());
                reclaimable += t.freeBytes();
            }
        }
        return new MaintenanceReport(analyzed, optimized, reclaimable);
    }

    boolean paysToOptimize(TableSize t) {
        return t.freeBytes() >= properties.getOptimizeMinFreeBytes()
                && t.freeBytes() >= properties.getOptimizeMinFreeRatio() * Math.max(1, t.bytes());
    }

    /** ANALYZE and OPTIMIZE answer with a result set of messages; an error there is a failure. */
    private void execute(String sql) {
        connections.executeWrite(status -> {
            return Sql.call("table maintenance failed", () -> {
                try (Statement st = status.getConnection().createStatement()) {
                    boolean hasResult = st.execute(sql);
                    if (hasResult) {
                        try (ResultSet rs = st.getResultSet()) {
                            while (rs.next()) {
                                if ("error".equalsIgnoreCase(rs.getString(3))) {
                                    throw new SQLException(sql + ": " + rs.getString(4));
                                }
                            }
                        }
                    }
                    return null;
                }
            });
        });
    }
}
