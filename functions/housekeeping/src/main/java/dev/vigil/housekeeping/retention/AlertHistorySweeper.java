package dev.vigil.housekeeping.retention;

import dev.vigil.core.alert.AlertStore;
import dev.vigil.core.db.Sql;
import dev.vigil.housekeeping.HousekeepingProperties;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Expires alerts resolved longer ago than the alert retention, with their events (first: the
 * events reference the alert), and notifications that were delivered or given up on that long ago.
 * Open alerts (open_fingerprint set) are never touched, however old. Batches of ids, one short
 * transaction each.
 */
@Singleton
public class AlertHistorySweeper {

    static final int ALERTS_PER_BATCH = 500;

    // notify_outbox belongs to the notify function (V10+); it may not exist in every deployment yet.
    private static final String NOTIFY_OUTBOX = "notify_outbox";
    private static final String EXPIRED_NOTIFICATIONS =
            "DELETE FROM notify_outbox WHERE status IN ('SENT', 'DEAD') AND created_at < ? LIMIT ";

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;
    private final HousekeepingProperties properties;

    public AlertHistorySweeper(TransactionOperations<Connection> transactions,
                               ConnectionOperations<Connection> connections, HousekeepingProperties properties) {
        this.transactions = transactions;
        this.connections = connections;
        this.properties = properties;
    }

    public AlertHistoryReport sweep(long now) {
        long cutoff = now - properties.getAlertRetention().toMillis();
        long alerts = 0;
        long events = 0;
        while (true) {
            long[] removed = deleteAlertBatch(cutoff);
            alerts += removed[0];
            events += removed[1];
            if (removed[0] < ALERTS_PER_BATCH) {
                break;
            }
        }
        return new AlertHistoryReport(alerts, events, sweepNotifications(cutoff));
    }

    private long[] deleteAlertBatch(long cutoff) {
        return transactions.executeWrite(status -> {
            AlertStore.Deleted deleted = Sql.call("could not expire resolved alerts",
                    () -> new AlertStore(status.getConnection()).deleteResolvedBefore(cutoff, ALERTS_PER_BATCH));
            return new long[]{deleted.alerts(), deleted.events()};
        });
    }

    private long sweepNotifications(long cutoff) {
        if (!tableExists(NOTIFY_OUTBOX)) {
            return 0;
        }
        int batch = properties.getDeleteBatchRows();
        long total = 0;
        int removed;
        do {
            removed = connections.executeWrite(status -> {
                return Sql.call("could not expire delivered notifications", () -> {
                    try (PreparedStatement ps = status.getConnection().prepareStatement(EXPIRED_NOTIFICATIONS + batch)) {
                        ps.setLong(1, cutoff);
                        return ps.executeUpdate();
                    }
                });
            });
            total += removed;
        } while (removed == batch);
        return total;
    }

    private boolean tableExists(String table) {
        return connections.executeRead(status -> {
            return Sql.call("could not read table metadata", () -> {
                Connection c = status.getConnection();
                DatabaseMetaData meta = c.getMetaData();
                for (String name : new String[]{table, table.toUpperCase(java.util.Locale.ROOT)}) {
                    try (ResultSet rs = meta.getTables(c.getCatalog(), null, name, new String[]{"TABLE"})) {
                        if (rs.next()) {
                            return true;
                        }
                    }
                }
                return false;
            });
        });
    }
}
