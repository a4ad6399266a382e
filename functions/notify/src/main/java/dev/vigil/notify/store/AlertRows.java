package dev.vigil.notify.store;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Severity;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads rows of the evaluate-owned {@code alerts} table as snapshots. */
@Singleton
public class AlertRows {

    public static final String COLUMNS = "a.id, a.fingerprint, a.rule, a.host, a.labels, a.severity, a.state, a.value, a.threshold, "
            + "a.summary, a.runbook, a.starts_at, a.firing_at, a.ends_at, a.predicted_at, a.acknowledged_at, a.silenced, a.inhibited";

    /** An alert with whether it may be notified now (not acknowledged, silenced or inhibited). */
    public record AlertRow(AlertSnapshot alert, boolean muted, boolean acknowledged) {
    }

    private static final Argument<Map<String, String>> LABELS = Argument.mapOf(String.class, String.class);
    private final ObjectMapper json;

    public AlertRows(ObjectMapper json) {
        this.json = json;
    }

    public List<AlertRow> byIds(Connection c, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Jdbc.query(c, "SELECT " + COLUMNS + " FROM alerts a WHERE a.id IN (" + Jdbc.placeholders(ids.size()) + ")",
                this::row, ids.toArray());
    }

    /** Firing alerts nobody acknowledged, silenced or inhibited: candidates for repeats and escalation. */
    public List<AlertRow> firingUnmuted(Connection c) {
        return Jdbc.query(c, "SELECT " + COLUMNS + " FROM alerts a WHERE a.state = 'firing' AND a.acknowledged_at IS NULL"
                + " AND a.silenced = FALSE AND a.inhibited = FALSE", this::row);
    }

    public AlertRow row(ResultSet rs) throws SQLException {
        Long ack = Jdbc.nullableLong(rs, "acknowledged_at");
        boolean muted = ack != null || rs.getBoolean("silenced") || rs.getBoolean("inhibited");
        AlertSnapshot a = new AlertSnapshot(rs.getLong("id"), rs.getString("fingerprint"), rs.getString("rule"), rs.getString("host"),
                labels(rs.getString("labels")), Severity.parse(rs.getString("severity")), rs.getString("state"),
                Jdbc.nullableDouble(rs, "value"), Jdbc.nullableDouble(rs, "threshold"), rs.getString("summary"), rs.getString("runbook"),
                rs.getLong("starts_at"), Jdbc.nullableLong(rs, "firing_at"), Jdbc.nullableLong(rs, "ends_at"),
                Jdbc.nullableLong(rs, "predicted_at"));
        return new AlertRow(a, muted, ack != null);
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
