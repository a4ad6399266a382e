package dev.vigil.ingest.console;

import dev.vigil.ingest.alert.Overview;
import dev.vigil.ingest.alert.OverviewService;
import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.db.Sql;
import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.sample.Labels;
import dev.vigil.ingest.auth.ApiAuth;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/v1/fleet (viewer or admin): the overview plus one tile per active host, worst first, in three
 * statements whatever the number of hosts (the fleet page refreshes it every 15 s).
 */
@Controller("/api/v1/fleet")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FleetController {

    static final String CPU = "cpu_usage_percent";
    static final String MEMORY = "memory_used_percent";
    static final String DISK = "disk_used_percent";
    private static final String LATEST = "SELECT s.host_id, s.metric, s.labels, l.value FROM series s "
            + "JOIN latest_values l ON l.series_id = s.id WHERE s.metric IN (?, ?, ?)";
    private static final String OPEN_ALERTS = "SELECT host_id, severity, state, labels, predicted_at FROM alerts "
            + "WHERE open_fingerprint IS NOT NULL AND host_id IS NOT NULL";
    private static final Duration SELF_REPORT_INTERVAL = Duration.ofHours(1);
    private static final List<String> STATUS_ORDER = List.of("down", "critical", "warning", "ok");

    private final ApiAuth auth;
    private final HostRegistry hosts;
    private final OverviewService overview;
    private final ConnectionOperations<Connection> connections;
    private final VigilProperties properties;
    private final Clock clock;

    public FleetController(ApiAuth auth, HostRegistry hosts, OverviewService overview,
                           ConnectionOperations<Connection> connections, VigilProperties properties, Clock clock) {
        this.auth = auth;
        this.hosts = hosts;
        this.overview = overview;
        this.connections = connections;
        this.properties = properties;
        this.clock = clock;
    }

    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record Fleet(Overview overview, List<FleetTile> hosts, long generatedAt) {
    }

    private static final class Tally {
        Double cpu;
        Double memory;
        FleetTile.Disk disk;
        FleetTile.DiskFull diskFull;
        int critical;
        int warning;
        int pending;
    }

    @Get
    public Fleet fleet(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        long now = clock.millis();
        Map<Integer, Tally> tallies = new HashMap<>();
        connections.executeRead(status -> {
            return Sql.call("could not read the fleet", () -> {
                readLatest(status.getConnection(), tallies);
                readOpenAlerts(status.getConnection(), tallies);
                return null;
            });
        });
        List<FleetTile> tiles = new ArrayList<>();
        for (Host host : hosts.listActive()) {
            Tally t = tallies.getOrDefault(host.id(), new Tally());
            boolean up = host.lastSeenAt() != null && host.lastSeenAt() >= now - downAfter(host).toMillis();
            String status = !up ? "down" : t.critical > 0 ? "critical" : t.warning > 0 ? "warning" : "ok";
            tiles.add(new FleetTile(host.name(), status, up, host.lastSeenAt(), host.labelMap(), t.cpu, t.memory, t.disk,
                    t.diskFull, new FleetTile.Firing(t.critical, t.warning), t.pending));
        }
        tiles.sort(Comparator.comparingInt((FleetTile tile) -> STATUS_ORDER.indexOf(tile.status()))
                .thenComparing(tile -> -(tile.firing().critical() + tile.firing().warning()))
                .thenComparing(FleetTile::name));
        return new Fleet(overview.overview(), tiles, now);
    }

    private static void readLatest(Connection c, Map<Integer, Tally> tallies) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setString(1, CPU);
            ps.setString(2, MEMORY);
            ps.setString(3, DISK);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Tally t = tallies.computeIfAbsent(rs.getInt(1), id -> new Tally());
                    double value = rs.getDouble(4);
                    switch (rs.getString(2)) {
                        case CPU -> t.cpu = value;
                        case MEMORY -> t.memory = value;
                        default -> {
                            if (t.disk == null || value > t.disk.usedPercent()) {
                                String mount = Labels.fromJson(rs.getString(3)).get("mount");
                                t.disk = new FleetTile.Disk(mount == null ? "?" : mount, value);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void readOpenAlerts(Connection c, Map<Integer, Tally> tallies) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_ALERTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Tally t = tallies.computeIfAbsent(rs.getInt(1), id -> new Tally());
                boolean firing = "firing".equals(rs.getString(3));
                if (!firing) {
                    t.pending++;
                } else if ("critical".equals(rs.getString(2))) {
                    t.critical++;
                } else {
                    t.warning++;
                }
                long predictedAt = rs.getLong(5);
                if (!rs.wasNull() && (t.diskFull == null || predictedAt < t.diskFull.at())) {
                    t.diskFull = new FleetTile.DiskFull(Labels.fromJson(rs.getString(4)).get("mount"), predictedAt);
                }
            }
        }
    }

    /** Vigil's own host reports once per housekeeping run (hourly), not every 15 s like an agent. */
    private Duration downAfter(Host host) {
        return SelfHost.NAME.equals(host.name()) ? SELF_REPORT_INTERVAL.multipliedBy(2) : properties.getHostDownAfter();
    }
}
