package dev.vigil.notify.testing;

import dev.vigil.core.alert.Fingerprint;
import dev.vigil.core.sample.Labels;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;

/**
 * Writes alerts and alert_events the way evaluate does (evaluate is built in parallel), including
 * the readable columns it fills: value_text, threshold_text, runbook_url, host_labels, resolution.
 */
public final class AlertFixture {

    private final DataSource dataSource;
    private final Clock clock;

    public AlertFixture(DataSource dataSource, Clock clock) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
    }

    /**
     * @param runbook   runbook prose (null: none)
     * @param valueText the value as evaluation renders it in the rule's unit (null: an old row)
     * @param hostLabels copied onto the alert by evaluation (null: not copied yet)
     */
    public record Spec(String host, String rule, Map<String, String> labels, String severity, double value, double threshold,
                       String summary, String runbook, String runbookUrl, Long predictedAt, String valueText, String thresholdText,
                       Map<String, String> hostLabels) {
        public static Spec of(String host, String rule, String severity, double value, double threshold) {
            return new Spec(host, rule, Map.of(), severity, value, threshold, rule + " on " + host, null,
                    "https://runbooks.example/" + rule, null, null, null, null);
        }

        public Spec labels(Map<String, String> l) {
            return new Spec(host, rule, l, severity, value, threshold, summary, runbook, runbookUrl, predictedAt, valueText, thresholdText,
                    hostLabels);
        }

        public Spec predicted(long at) {
            return new Spec(host, rule, labels, severity, value, threshold, summary, runbook, runbookUrl, at, valueText, thresholdText,
                    hostLabels);
        }

        public Spec texts(String value, String threshold) {
            return new Spec(host, rule, labels, severity, this.value, this.threshold, summary, runbook, runbookUrl, predictedAt, value,
                    threshold, hostLabels);
        }

        public Spec runbook(String prose) {
            return new Spec(host, rule, labels, severity, value, threshold, summary, prose, runbookUrl, predictedAt, valueText,
                    thresholdText, hostLabels);
        }

        public Spec hostLabels(Map<String, String> l) {
            return new Spec(host, rule, labels, severity, value, threshold, summary, runbook, runbookUrl, predictedAt, valueText,
                    thresholdText, l);
        }
    }

    /** A pending alert whose `for` just elapsed: state firing plus a FIRING event now. */
    public long fire(Spec s) {
        return fire(s, null);
    }

    /** As {@link #fire(Spec)}, for a registered host (its labels then come from hosts.labels until evaluation copies them). */
    public long fire(Spec s, Integer hostId) {
        long now = clock.millis();
        String labels = Labels.toJson(s.labels());
        String fp = Fingerprint.of(s.rule(), s.host(), labels);
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (fingerprint, open_fingerprint, rule, host_id, host, labels,"
                    + " severity, state, value, threshold, summary, runbook, starts_at, firing_at, updated_at, predicted_at, value_text,"
                    + " threshold_text, runbook_url, host_labels)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 'firing', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, fp);
                ps.setString(2, fp);
                ps.setString(3, s.rule());
                ps.setObject(4, hostId);
                ps.setString(5, s.host());
                ps.setString(6, labels);
                ps.setString(7, s.severity());
                ps.setDouble(8, s.value());
                ps.setDouble(9, s.threshold());
                ps.setString(10, s.summary());
                ps.setString(11, s.runbook());
                ps.setLong(12, now - 60_000);
                ps.setLong(13, now);
                ps.setLong(14, now);
                ps.setObject(15, s.predictedAt());
                ps.setString(16, s.valueText());
                ps.setString(17, s.thresholdText());
                ps.setString(18, s.runbookUrl());
                ps.setString(19, s.hostLabels() == null ? null : Labels.toJson(s.hostLabels()));
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

    /** A registered host with labels (hosts.labels), as the API stores them. */
    public int host(String name, Map<String, String> labels) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO hosts (name, created_at, labels) VALUES (?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setLong(2, clock.millis());
            ps.setString(3, Labels.toJson(labels));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resolved without a reason recorded (a row from before evaluation wrote one). */
    public void resolve(long id, double value) {
        resolve(id, value, null, null, null);
    }

    /** Resolved as evaluation does now: why (recovered | no_data), the sentence, and the last value as text. */
    public void resolve(long id, double value, String resolution, String resolutionText, String valueText) {
        long now = clock.millis();
        update("UPDATE alerts SET state = 'resolved', open_fingerprint = NULL, value = ?, ends_at = ?, updated_at = ?, resolution = ?,"
                + " resolution_text = ?, value_text = COALESCE(?, value_text) WHERE id = ?", value, now, now, resolution, resolutionText,
                valueText, id);
        event(id, "RESOLVED", value, now);
    }

    public void acknowledge(long id) {
        long now = clock.millis();
        update("UPDATE alerts SET acknowledged_at = ?, acknowledged_by = 'admin' WHERE id = ?", now, id);
        event(id, "ACKNOWLEDGED", null, now);
    }

    public void changeSeverity(long id, String severity, double value) {
        long now = clock.millis();
        update("UPDATE alerts SET severity = ?, value = ?, updated_at = ? WHERE id = ?", severity, value, now, id);
        event(id, "SEVERITY_CHANGED", value, now);
    }

    /** Writes an evaluate run into job_runs, as JobRunRecorder would. */
    public void evaluateRanAt(long at) {
        update("INSERT INTO job_runs (job, started_at, finished_at, ok, details) VALUES ('evaluate', ?, ?, TRUE, NULL)", at, at);
    }

    /** Empties alert and notify state between scenarios. */
    public void clear() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String t : new String[]{"notify_outbox_alert", "notify_outbox", "notify_log", "notify_pending", "notify_group",
                    "notify_route_group", "alert_events", "alerts", "silences", "hosts", "job_runs", "leases"}) {
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

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
