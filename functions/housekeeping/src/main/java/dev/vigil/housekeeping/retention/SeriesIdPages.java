package dev.vigil.housekeeping.retention;

import dev.vigil.core.db.Sql;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Every series id in ascending groups, read page by page: statements that name their series walk
 * primary-key ranges of samples and rollups instead of scanning by time (there is no time index).
 */
@Singleton
public class SeriesIdPages {

    private static final String PAGE = "SELECT id FROM series WHERE id > ? ORDER BY id LIMIT ?";

    private final ConnectionOperations<Connection> connections;

    public SeriesIdPages(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    /** Groups of at most {@code size} ids; each page is read when the previous one is used up. */
    public Iterable<List<Long>> groups(int size) {
        return () -> new Iterator<>() {
            private long after = Long.MIN_VALUE;
            private List<Long> next = page();

            @Override
            public boolean hasNext() {
                return !next.isEmpty();
            }

            @Override
            public List<Long> next() {
                if (next.isEmpty()) {
                    throw new NoSuchElementException();
                }
                List<Long> current = next;
                after = current.get(current.size() - 1);
                next = current.size() < size ? List.of() : page();
                return current;
            }

            private List<Long> page() {
                return connections.executeRead(status -> {
                    return Sql.call("could not list series", () -> {
                        try (PreparedStatement ps = status.getConnection().prepareStatement(PAGE)) {
                            ps.setLong(1, after);
                            ps.setInt(2, size);
                            List<Long> ids = new ArrayList<>(size);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    ids.add(rs.getLong(1));
                                }
                            }
                            return ids;
                        }
                    });
                });
            }
        };
    }

    static String placeholders(int n) {
        return "?,".repeat(n - 1) + "?";
    }
}
