package dev.vigil.notify.store;

import dev.vigil.core.db.Sql;

import dev.vigil.core.alert.AlertState;
import dev.vigil.core.rules.Severity;
import dev.vigil.notify.model.AlertSnapshot;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Reads rows of the evaluate-owned {@code alerts} table as snapshots, with the host's labels: the
 * copy evaluation made on the alert ({@code alerts.host_labels}), else the host's current labels.
 * The silenced and inhibited flags evaluation writes are not read: notify mutes at flush time.
 */
@Singleton
public class AlertRows {

    static final String COLUMNS = "a.id, a.fingerprint, a.rule, a.host, a.labels, a.host_labels, h.labels AS current_host_labels,"
            + " a.severity, a.state, a.value, a.threshold, a.value_text, a.threshold_text, a.summary, a.runbook, a.runbook_url,"
            + " a.resolution, a.resolution_text, a.starts_at, a.firing_at, a.ends_at, a.predicted_at, a.acknowledged_at";
    static final String FROM = " FROM alerts a LEFT JOIN hosts h ON h.id = a.host_id";

    /** A receiver integration still owes the resolution of an alert it was told about. */
    public record OwedResolution(String integration, AlertSnapshot alert) {
    }

    private static final Argument<Map<String, String>> LABELS = Argument.mapOf(String.class, String.class);
    private final ObjectMapper json;

    public AlertRows(ObjectMapper json) {
        this.json = json;
    }

    /** Every firing alert: what routes group, mutes, announce and repeat. */
    public List<AlertSnapshot> firing(Connection c) {
        return Sql.query(c, "SELECT " + COLUMNS + FROM + " WHERE a.state = ?", this::snapshot, AlertState.FIRING.wire());
    }

    /**
     * Resolved alerts whose resolution a receiver has not been told yet (it was told they fired).
     * Escalation entries (receiver "escalation:…") are never owed a resolution.
     */
    public List<OwedResolution> owedResolutions(Connection c) {
        return Sql.query(c, "SELECT l.receiver, " + COLUMNS + FROM + " JOIN notify_log l ON l.alert_id = a.id"
                        + " WHERE l.resolved_at IS NULL AND a.state = ? AND l.receiver NOT LIKE 'escalation:%'",
                rs -> new OwedResolution(rs.getString(1), snapshot(rs)), AlertState.RESOLVED.wire());
    }

    public AlertSnapshot snapshot(ResultSet rs) throws SQLException {
        String hostLabels = rs.getString("host_labels");
        return new AlertSnapshot(rs.getLong("id"), rs.getString("fingerprint"), rs.getString("rule"), rs.getString("host"),
                labels(rs.getString("labels")), labels(hostLabels != null ? hostLabels : rs.getString("current_host_labels")),
                Severity.fromWire(rs.getString("severity")), rs.getString("state"),
                Sql.nullableDouble(rs, "value"), Sql.nullableDouble(rs, "threshold"), rs.getString("value_text"),
                rs.getString("threshold_text"), rs.getString("summary"), rs.getString("runbook"), rs.getString("runbook_url"),
                rs.getString("resolution"), rs.getString("resolution_text"), rs.getLong("starts_at"), Sql.nullableLong(rs, "firing_at"),
                Sql.nullableLong(rs, "ends_at"), Sql.nullableLong(rs, "predicted_at"), Sql.nullableLong(rs, "acknowledged_at"));
    }

    private Map<String, String> labels(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> m = json.readValue(text, LABELS);
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            return Map.of("labels", text);
        }
    }
}
