package dev.vigil.notify.testing;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes alerts and alert_events the way evaluate does (evaluate is built in parallel). */
public final class AlertFixture {

    private final DataSource dataSource;
    private final Clock clock;

    public AlertFixture(DataSource dataSource, Clock clock) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
    }

    public record Spec(String host, String rule, Map<String, String> labels, String severity, double value, double threshold,
                       String summary, String runbook, Long predictedAt) {
        public static Spec of(String host, String rule, String severity, double value, double threshold) {
            return new Spec(host, rule, Map.of(), severity, value, threshold, rule + " on " + host, "https://runbooks.example/" + rule, null);
        }

        public Spec labels(Map<String, String> l) {
            return new Spec(host, rule, l, severity, value, threshold, summary, runbook, predictedAt);
        }

        public Spec predicted(long at) {
            return new Spec(host, rule, labels, severity, value, threshold, summary, runbook, at);
        }
    }

    /** A pending alert whose `for` just elapsed: state firing plus a FIRING event now. */
    public long fire(Spec s) {
        long now = clock.millis();
        String labels = new TreeMap<>(s.labels()).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        String fp = fingerprint(s.rule() + "|" + s.host() + "|" + labels);
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (fingerprint, open_fingerprint, rule, host_id, host, labels,"
                    + " severity, state, value, threshold, summary, runbook, starts_at, firing_at, updated_at, predicted_at)"
                    + " VALUES (?, ?, ?, NULL, ?, ?, ?, 'firing', ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, fp);
                ps.setString(2, fp);
                ps.setString(3, s.rule());
                ps.setString(4, s.host());
                ps.setString(5, labels);
                ps.setString(6, s.severity());
                ps.setDouble(7, s.value());
                ps.setDouble(8, s.threshold());
                ps.setString(9, s.summary());
                ps.setString(10, s.runbook());
                ps.setLong(11, now - 60_000);
                ps.setLong(12, now);
                ps.setLong(13, now);
                ps.setObject(14, s.predictedAt());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            event(c, id, "FIRING", s.severity(), s.value(), now);
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void resolve(long id, double value) {
        long now = clock.millis();
        update(id, "UPDATE alerts SET state = 'resolved', open_fingerprint = NULL, value = ?, ends_at = ?, updated_at = ? WHERE id = ?",
                value, now, now, id);
        event(id, "RESOLVED", value, now);
    }

    public void acknowledge(long id) {
        long now = clock.millis();
        update(id, "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = 'admin' WHERE id = ?", now, id);
        event(id, "ACKNOWLEDGED", null, now);
    }

    public void silence(long id, boolean silenced) {
        update(id, "UPDATE alerts SET silenced = ? WHERE id = ?", silenced, id);
    }

    public void changeSeverity(long id, String severity, double value) {
        long now = clock.millis();
        update(id, "UPDATE alerts SET severity = ?, value = ?, updated_at = ? WHERE id = ?", severity, value, now, id);
        event(id, "SEVERITY_CHANGED", value, now);
    }

    /** Writes an evaluate run into job_runs, as JobRunRecorder would. */
    public void evaluateRanAt(long at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO job_runs (job, started_at, finished_at, ok, details) VALUES ('evaluate', ?, ?, TRUE, NULL)")) {
            ps.setLong(1, at);
            ps.setLong(2, at);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties alert and notify state between scenarios. */
    public void clear() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String t : new String[]{"notify_outbox", "notify_log", "notify_pending", "notify_group", "alert_events", "alerts", "job_runs", "leases"}) {
                st.execute("DELETE FROM " + t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void event(long id, String kind, Double value, long at) {
        try (Connection c = dataSource.getConnection()) {
            String severity;
            try (PreparedStatement ps = c.prepareStatement("SELECT severity FROM alerts WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    severity = rs.getString(1);
                }
            }
            event(c, id, kind, severity, value, at);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void event(Connection c, long id, String kind, String severity, Double value, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_events (alert_id, kind, severity, value, at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, kind);
            ps.setString(3, severity);
            ps.setObject(4, value);
            ps.setLong(5, at);
            ps.executeUpdate();
        }
    }

    private void update(long id, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprint(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
