package dev.vigil.ingest.maintenance;

import dev.vigil.core.silence.Silence;
import dev.vigil.core.silence.SilenceService;
import dev.vigil.core.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a host in maintenance by a silence on {@code {host: name}} (so evaluation mutes it exactly as any
 * silence, and it shows in {@code GET /api/v1/silences} with created-by and comment saying maintenance),
 * and remembers which silence that is. Maintenance ends by itself when the silence ends; ending it early
 * expires the silence. Starting it again replaces the current one.
 */
@Singleton
public class MaintenanceService {

    public static final String COMMENT_PREFIX = "maintenance: ";
    public static final String CREATED_BY_PREFIX = "maintenance by ";

    private static final String CURRENT = "SELECT m.host, s.id, s.starts_at, s.ends_at, m.started_by, m.comment "
            + "FROM host_maintenance m JOIN silences s ON s.id = m.silence_id "
            + "WHERE s.expired_at IS NULL AND s.starts_at <= ? AND s.ends_at > ?";

    private final SilenceService silences;
    private final ConnectionOperations<Connection> connections;
    private final Clock clock;

    public MaintenanceService(SilenceService silences, ConnectionOperations<Connection> connections, Clock clock) {
        this.silences = silences;
        this.connections = connections;
        this.clock = clock;
    }

    /** Starts (or replaces) the maintenance of {@code host} until {@code until}; the caller checked the host exists. */
    public HostMaintenance start(String host, long until, String by, @Nullable String comment) {
        current(host).ifPresent(previous -> silences.expire(previous.silenceId()));
        Silence silence = silences.create(new SilenceService.Request(Map.of("host", host), null, until, null, null,
                COMMENT_PREFIX + (comment == null || comment.isBlank() ? "(no comment)" : comment), CREATED_BY_PREFIX + by));
        connections.executeWrite(status -> {
            return Sql.call("could not store the maintenance", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(
                        "INSERT INTO host_maintenance (silence_id, host, started_by, comment) VALUES (?,?,?,?)")) {
                    ps.setLong(1, silence.id());
                    ps.setString(2, host);
                    ps.setString(3, by);
                    ps.setString(4, comment);
                    return ps.executeUpdate();
                }
            });
        });
        return new HostMaintenance(host, silence.id(), silence.startsAt(), silence.endsAt(), by, comment);
    }

    /** Ends the host's maintenance now; empty when it had none. */
    public Optional<HostMaintenance> end(String host) {
        Optional<HostMaintenance> current = current(host);
        current.ifPresent(m -> silences.expire(m.silenceId()));
        return current;
    }

    public Optional<HostMaintenance> current(String host) {
        return Optional.ofNullable(currentByHost().get(host));
    }

    /** Every host in maintenance now, by host name: one query whatever the fleet size. */
    public Map<String, HostMaintenance> currentByHost() {
        long now = clock.millis();
        return connections.executeRead(status -> {
            return Sql.call("could not read maintenance", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(CURRENT + " ORDER BY s.id")) {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    Map<String, HostMaintenance> byHost = new LinkedHashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            // the latest wins should two overlap (two admins starting at once)
                            byHost.put(rs.getString(1), new HostMaintenance(rs.getString(1), rs.getLong(2), rs.getLong(3),
                                    rs.getLong(4), rs.getString(5), rs.getString(6)));
                        }
                    }
                    return byHost;
                }
            });
        });
    }
}
