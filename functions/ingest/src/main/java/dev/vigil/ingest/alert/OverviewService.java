package dev.vigil.ingest.alert;

import dev.vigil.core.alert.AlertState;
import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.db.Sql;
import dev.vigil.core.evaluate.EvaluationStaleness;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.rules.Severity;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/** Fleet numbers for the overview: each is one indexed query, whatever the fleet size. */
@Singleton
public class OverviewService {

    // Host "vigil" is Vigil itself (an hourly database report), not a server of the fleet.
    private static final String HOSTS = "SELECT COUNT(*), "
            + "SUM(CASE WHEN last_seen_at >= ? THEN 1 ELSE 0 END) FROM hosts WHERE revoked_at IS NULL AND name <> ?";
    private static final String FIRING = "SELECT severity, COUNT(*) FROM alerts WHERE state = ? GROUP BY severity";
    // samples has no ts index: walk only the series that reported lately, each by its primary key range
    private static final String SAMPLES = "SELECT COUNT(*) FROM latest_values l "
            + "JOIN samples x ON x.series_id = l.series_id AND x.ts >= ? WHERE l.ts >= ?";

    private final ConnectionOperations<Connection> connections;
    private final EvaluationStaleness evaluations;
    private final VigilProperties vigil;
    private final Clock clock;

    public OverviewService(ConnectionOperations<Connection> connections, EvaluationStaleness evaluations, VigilProperties vigil,
                           Clock clock) {
        this.connections = connections;
        this.evaluations = evaluations;
        this.vigil = vigil;
        this.clock = clock;
    }

    public Overview overview() {
        long now = clock.millis();
        return connections.executeRead(status -> {
            Connection c = status.getConnection();
            return Sql.call("could not compute the overview", () -> {
                long total;
                long up;
                try (PreparedStatement ps = c.prepareStatement(HOSTS)) {
                    ps.setLong(1, now - vigil.getHostDownAfter().toMillis());
                    ps.setString(2, SelfHost.NAME);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                        up = rs.getLong(2);
                    }
                }
                long critical = 0;
                long warning = 0;
                try (PreparedStatement ps = c.prepareStatement(FIRING)) {
                    ps.setString(1, AlertState.FIRING.wire());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (Severity.CRITICAL.wire().equals(rs.getString(1))) {
                                critical = rs.getLong(2);
                            } else if (Severity.WARNING.wire().equals(rs.getString(1))) {
                                warning = rs.getLong(2);
                            }
                        }
                    }
                }
                long samples;
                try (PreparedStatement ps = c.prepareStatement(SAMPLES)) {
                    ps.setLong(1, now - 60_000);
                    ps.setLong(2, now - 60_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        samples = rs.getLong(1);
                    }
                }
                return new Overview(new Overview.Hosts(total, up, total - up), new Overview.Firing(critical, warning),
                        evaluations.lastSuccessOfEveryHost(), samples);
            });
        });
    }
}
