package dev.vigil.core.lease;

import dev.vigil.core.db.StorageException;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A named lease in the database: whoever holds an unexpired lease does the work, everyone else
 * skips. Works the same on MySQL and H2 (a conditional UPDATE, no GET_LOCK), so two overlapping
 * Lambda invocations or local schedules never evaluate, notify or clean up twice at once.
 */
@Singleton
public class LeaseManager {

    private static final String CREATE = "INSERT IGNORE INTO leases (name, holder, expires_at) VALUES (?, NULL, 0)";
    private static final String TAKE =
            "UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND (expires_at < ? OR holder = ?)";
    private static final String RELEASE = "UPDATE leases SET holder = NULL, expires_at = 0 WHERE name = ? AND holder = ?";

    private final ConnectionOperations<Connection> connections;
    private final Clock clock;

    public LeaseManager(ConnectionOperations<Connection> connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** A held lease; closing it releases it early. */
    public record Lease(String name, String holder, LeaseManager manager) implements AutoCloseable {
        @Override
        public void close() {
            manager.release(this);
        }
    }

    /** @return the lease when this caller now holds it, empty when someone else holds it */
    public Optional<Lease> tryAcquire(String name, Duration ttl) {
        String holder = UUID.randomUUID().toString();
        long now = clock.millis();
        int taken = connections.executeWrite(status -> {
            Connection c = status.getConnection();
            try {
                try (PreparedStatement ps = c.prepareStatement(CREATE)) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(TAKE)) {
                    ps.setString(1, holder);
                    ps.setLong(2, now + ttl.toMillis());
                    ps.setString(3, name);
                    ps.setLong(4, now);
                    ps.setString(5, holder);
                    return ps.executeUpdate();
                }
            } catch (SQLException e) {
                throw new StorageException("could not take lease " + name, e);
            }
        });
        return taken == 1 ? Optional.of(new Lease(name, holder, this)) : Optional.empty();
    }

    void release(Lease lease) {
        connections.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(RELEASE)) {
                ps.setString(1, lease.name());
                ps.setString(2, lease.holder());
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("could not release lease " + lease.name(), e);
            }
        });
    }
}
