package dev.vigil.core.query;

import dev.vigil.core.db.Sql;
import dev.vigil.core.sample.Labels;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Current values come from the small latest_values table, never from history. */
@Singleton
public class LatestValueQuery {

    private static final String FOR_HOST = """
            SELECT s.metric, s.labels, l.value, l.ts
              FROM series s JOIN latest_values l ON l.series_id = s.id
             WHERE s.host_id = ?
             ORDER BY s.metric, s.labels""";

    private final ConnectionOperations<Connection> connections;

    public LatestValueQuery(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    public List<SeriesValue> forHost(int hostId) {
        return connections.executeRead(status -> {
            return Sql.call("could not read latest values", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(FOR_HOST)) {
                    ps.setInt(1, hostId);
                    List<SeriesValue> values = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            values.add(new SeriesValue(rs.getString(1), Labels.fromJson(rs.getString(2)),
                                    rs.getDouble(3), rs.getLong(4)));
                        }
                    }
                    return values;
                }
            });
        });
    }
}
