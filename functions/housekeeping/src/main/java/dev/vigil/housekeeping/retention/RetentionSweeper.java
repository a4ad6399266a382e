package dev.vigil.housekeeping.retention;

import dev.vigil.core.db.StorageException;
import dev.vigil.housekeeping.HousekeepingProperties;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

    private final ConnectionOperations<Connection> connections;
    private final SeriesIdPages seriesIds;
    private final HousekeepingProperties properties;

    public RetentionSweeper(ConnectionOperations<Connection> connections, SeriesIdPages seriesIds,
                            HousekeepingProperties properties) {
        this.connections = connections;
        this.seriesIds = seriesIds;
        this.properties = properties;
    }

    public SweepReport sweep(TimeSeriesTable table, long now) {
        long cutoff = table.cutoff(now);
        int batch = properties.getDeleteBatchRows();
        long deleted = 0;
        int statements = 0;
        for (List<Long> group : seriesIds.groups(properties.getSeriesPerStatement())) {
            String sql = "DELETE FROM " + table.table() + " WHERE series_id IN (" + SeriesIdPages.placeholders(group.size())
                    + ") AND " + table.timeColumn() + " < ? LIMIT " + batch;
            int removed;
            do {
                removed = deleteOnce(sql, group, cutoff);
                deleted += removed;
                statements++;
            } while (removed == batch);
        }
        return new SweepReport(table.table(), deleted, statements);
    }

    private int deleteOnce(String sql, List<Long> group, long cutoff) {
        return connections.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                int p = 1;
                for (long id : group) {
                    ps.setLong(p++, id);
                }
                ps.setLong(p, cutoff);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("could not delete expired rows", e);
            }
        });
    }
}
