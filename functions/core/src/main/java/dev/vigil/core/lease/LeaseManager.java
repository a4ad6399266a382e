package dev.vigil.core.lease;

import dev.vigil.core.db.Sql;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A named lease in the database: whoever holds an unexpired lease does the work, everyone else
 * skips. Works the same on MySQL and H2 (a conditional UPDATE, no GET_LOCK), so two overlapping
 * Lambda invocations or local schedules never evaluate, notify or clean up twice at once.
 * <p>
 * Each acquisition gets its own random holder id, which fences everything after it: {@link #renew}
 * and {@link Lease#stillHeld()} only succeed while the row still names that holder, so a run whose
 * lease expired and was taken by another run finds out instead of carrying on. Work that can
 * outlast the TTL must renew the lease before it runs out (and stop when renewal fails).
 */
@Singleton
public class LeaseManager {

    private static final String CREATE = "INSERT IGNORE INTO leases (name, holder, expires_at) VALUES (?, NULL, 0)";
    // Only an expired (or released) lease can be taken: the holder id is fresh per call, so "or I already
    // hold it" could never match here; a holder extends its own lease with RENEW instead.
    private static final String TAKE = "UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND expires_at < ?";
    // Holder match alone is the fence: while the row names us, nobody else took it (TAKE replaces the holder
    // atomically), so even a renewal just after expiry is safe.
    private static final String RENEW = "UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ?";
    private static final String HELD = "SELECT expires_at FROM leases WHERE name = ? AND holder = ?";
    private static final String RELEASE = "UPDATE leases SET holder = NULL, expires_at = 0 WHERE name = ? AND holder = ?";

    private final ConnectionOperations<Connection> connections;
    private final Clock clock;

    public LeaseManager(ConnectionOperations<Connection> connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** A held lease, taken for {@code ttl}; closing it releases it early. */
    public record Lease(String name, String holder, Duration ttl, LeaseManager manager) implements AutoCloseable {

        /** Extends the lease by its TTL from now; false when it was lost (expired and taken, or released). */
        public boolean renew() {
            return manager.renew(this, ttl);
        }

        /** Fencing check: true while this holder still holds the lease and it has not expired. */
        public boolean stillHeld() {
            return manager.stillHeld(this);
        }

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
            return Sql.call("could not take lease " + name, () -> {
                try (PreparedStatement ps = c.prepareStatement(CREATE)) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(TAKE)) {
                    ps.setString(1, holder);
                    ps.setLong(2, now + ttl.toMillis());
                    ps.setString(3, name);
                    ps.setLong(4, now);
                    return ps.executeUpdate();
                }
            });
        });
        return taken == 1 ? Optional.of(new Lease(name, holder, ttl, this)) : Optional.empty();
    }

    /**
     * Extends a held lease to now + {@code ttl}.
     *
     * @return true when the caller still holds it; false when it was released or another caller took it
     */
    public boolean renew(Lease lease, Duration ttl) {
        long expiresAt = clock.millis() + ttl.toMillis();
        return connections.executeWrite(status -> {
            Connection c = status.getConnection();
            return Sql.call("could not renew lease " + lease.name(), () -> {
                try (PreparedStatement ps = c.prepareStatement(RENEW)) {
                    ps.setLong(1, expiresAt);
                    ps.setString(2, lease.name());
                    ps.setString(3, lease.holder());
                    if (ps.executeUpdate() == 1) {
                        return true;
                    }
                }
                // With useAffectedRows a renewal to the same millisecond reports 0 rows: ask the row itself.
                return holderOf(c, lease) != null;
            });
        });
    }

    /** @return true while {@code lease}'s holder still holds it and it has not expired */
    public boolean stillHeld(Lease lease) {
        long now = clock.millis();
        return connections.executeRead(status -> {
            return Sql.call("could not read lease " + lease.name(), () -> {
                Long expiresAt = holderOf(status.getConnection(), lease);
                return expiresAt != null && expiresAt >= now;
            });
        });
    }

    /** The lease's expiry when the row still names its holder, else null. */
    private static Long holderOf(Connection c, Lease lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HELD)) {
            ps.setString(1, lease.name());
            ps.setString(2, lease.holder());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    void release(Lease lease) {
        connections.executeWrite(status -> {
            return Sql.call("could not release lease " + lease.name(), () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(RELEASE)) {
                    ps.setString(1, lease.name());
                    ps.setString(2, lease.holder());
                    return ps.executeUpdate();
                }
            });
        });
    }
}
