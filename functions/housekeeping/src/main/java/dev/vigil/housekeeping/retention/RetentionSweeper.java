package dev.vigil.housekeeping.retention;

import dev.vigil.core.db.Sql;
import dev.vigil.housekeeping.HousekeepingProperties;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Expires rows of a time-series table that is not partitioned (the embedded database, or a MySQL
 * table too large to convert) with short bounded DELETEs. Each statement names a group of series
 * so it walks only their primary-key ranges below the cutoff, removes at most
 * {@code deleteBatchRows} rows and commits on its own: ingest's row locks are never held up for
 * longer than one small statement, and a crash loses nothing but the current batch.
 */
@Singleton
public class RetentionSweeper {

    private final TransactionOperations<Connection> transactions;
    private final SeriesIdPages seriesIds;
    private final HousekeepingProperties properties;

    public RetentionSweeper(TransactionOperations<Connection> transactions, SeriesIdPages seriesIds,
                            HousekeepingProperties properties) {
        this.transactions = transactions;
        this.seriesIds = seriesIds;
        this.properties = properties;
    }

    public SweepReport sweep(TimeSeriesTable table, long now) {
        long cutoff = table.cutoff(now);
        int batch = properties.getDeleteBatchRows();
        long deleted = 0;
        int statements = 0;
        for (List<Long> group : seriesIds.groups(properties.getSeriesPerStatement())) {
            String where = " WHERE series_id IN (" + SeriesIdPages.placeholders(group.size()) + ") AND "
                    + table.timeColumn() + " < ?";
            // Counted first rather than trusting DELETE's update count: H2 under-reports it for
            // repeated DELETE ... LIMIT. Rows that expire while this runs wait for the next run.
            long expired = scalar("SELECT COUNT(*) FROM " + table.table() + where, group, cutoff);
            for (long left = expired; left > 0; left -= batch) {
                scalar("DELETE FROM " + table.table() + where + " LIMIT " + batch, group, cutoff);
                statements++;
            }
            deleted += expired;
        }
        return new SweepReport(table.table(), deleted, statements);
    }

    /** Runs one statement in its own short transaction: the count of a SELECT, or a DELETE's update count. */
    private long scalar(String sql, List<Long> group, long cutoff) {
        return transactions.executeWrite(status -> {
            return Sql.call("could not expire rows of a series group", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                    int p = 1;
                    for (long id : group) {
                        ps.setLong(p++, id);
                    }
                    ps.setLong(p, cutoff);
                    if (sql.startsWith("SELECT")) {
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? rs.getLong(1) : 0L;
                        }
                    }
                    return (long) ps.executeUpdate();
                }
            });
        });
    }
}
