package dev.vigil.core.alert;

import dev.vigil.core.rules.Severity;
import dev.vigil.core.sample.Labels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Every statement on alerts, alert_events and silences, in one place and portable (MySQL, MariaDB,
 * H2). The unique key on open_fingerprint is the second guard after the lease: an insert of an
 * alert that is already open is ignored, and so are its events.
 */
final class AlertStore {

    static final String COLUMNS = "id, fingerprint, rule, host_id, host, labels, severity, state, value, threshold, "
            + "summary, runbook, starts_at, firing_at, ends_at, updated_at, predicted_at, acknowledged_at, "
            + "acknowledged_by, silenced, inhibited";

    // Alerts without a host id are notify's meta-alerts (NotificationDeliveryFailing,
    // VigilEvaluationStale): notify raises and resolves them, so evaluation must not touch them.
    private static final String LOAD_OPEN = "SELECT " + COLUMNS + " FROM alerts WHERE open_fingerprint IS NOT NULL AND host_id IS NOT NULL";
    private static final String INSERT = "INSERT IGNORE INTO alerts (fingerprint, open_fingerprint, rule, host_id, host, "
            + "labels, severity, state, value, threshold, summary, runbook, starts_at, firing_at, ends_at, updated_at, "
            + "predicted_at, acknowledged_at, acknowledged_by, silenced, inhibited) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String UPDATE = "UPDATE alerts SET open_fingerprint = ?, severity = ?, state = ?, value = ?, "
            + "threshold = ?, summary = ?, runbook = ?, firing_at = ?, ends_at = ?, updated_at = ?, predicted_at = ?, "
            + "silenced = ?, inhibited = ?, host_id = ? WHERE id = ? AND open_fingerprint IS NOT NULL";
    private static final String INSERT_EVENT =
            "INSERT INTO alert_events (alert_id, kind, severity, value, at) VALUES (?,?,?,?,?)";
    private static final String ACTIVE_SILENCES = "SELECT id, matchers, starts_at, ends_at, cron, duration_ms, comment, "
            + "created_by, created_at, expired_at FROM silences WHERE expired_at IS NULL AND starts_at <= ? AND ends_at > ?";

    private final Connection connection;
    private int statements;

    AlertStore(Connection connection) {
        this.connection = connection;
    }

    int statements() {
        return statements;
    }

    List<AlertRecord> loadOpen() throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(LOAD_OPEN); ResultSet rs = ps.executeQuery()) {
            List<AlertRecord> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }
    }

    List<Silence> activeSilences(long now) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(ACTIVE_SILENCES)) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                return readSilences(rs);
            }
        }
    }

    static List<Silence> readSilences(ResultSet rs) throws SQLException {
        List<Silence> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new Silence(rs.getLong(1), Labels.fromJson(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                    rs.getString(5), nullableLong(rs, 6), rs.getString(7), rs.getString(8), rs.getLong(9),
                    nullableLong(rs, 10)));
        }
        return out;
    }

    /** @return the row with its id, or null when an open alert of that fingerprint already exists */
    AlertRecord insert(AlertRecord a) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            int p = 1;
            ps.setString(p++, a.fingerprint());
            ps.setString(p++, a.open() ? a.fingerprint() : null);
            ps.setString(p++, a.rule());
            setInt(ps, p++, a.hostId());
            ps.setString(p++, a.host());
            ps.setString(p++, a.labelsJson());
            ps.setString(p++, a.severity().wire());
            ps.setString(p++, a.state().wire());
            setDouble(ps, p++, a.value());
            setDouble(ps, p++, a.threshold());
            ps.setString(p++, a.summary());
            ps.setString(p++, a.runbook());
            ps.setLong(p++, a.startsAt());
            setLong(ps, p++, a.firingAt());
            setLong(ps, p++, a.endsAt());
            ps.setLong(p++, a.updatedAt());
            setLong(ps, p++, a.predictedAt());
            setLong(ps, p++, a.acknowledgedAt());
            ps.setString(p++, a.acknowledgedBy());
            ps.setBoolean(p++, a.silenced());
            ps.setBoolean(p, a.inhibited());
            if (ps.executeUpdate() == 0) {
                return null;
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return a.withId(keys.getLong(1));
            }
        }
    }

    void update(List<AlertRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(UPDATE)) {
            for (AlertRecord a : rows) {
                int p = 1;
                ps.setString(p++, a.open() ? a.fingerprint() : null);
                ps.setString(p++, a.severity().wire());
                ps.setString(p++, a.state().wire());
                setDouble(ps, p++, a.value());
                setDouble(ps, p++, a.threshold());
                ps.setString(p++, a.summary());
                ps.setString(p++, a.runbook());
                setLong(ps, p++, a.firingAt());
                setLong(ps, p++, a.endsAt());
                ps.setLong(p++, a.updatedAt());
                setLong(ps, p++, a.predictedAt());
                ps.setBoolean(p++, a.silenced());
                ps.setBoolean(p++, a.inhibited());
                setInt(ps, p++, a.hostId());
                ps.setLong(p, a.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    record Event(long alertId, AlertEventKind kind, Severity severity, Double value, long at) {
    }

    void appendEvents(List<Event> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(INSERT_EVENT)) {
            for (Event e : events) {
                ps.setLong(1, e.alertId());
                ps.setString(2, e.kind().name());
                ps.setString(3, e.severity().wire());
                setDouble(ps, 4, e.value());
                ps.setLong(5, e.at());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static AlertRecord read(ResultSet rs) throws SQLException {
        return new AlertRecord(rs.getLong(1), rs.getString(2), rs.getString(3), nullableInt(rs, 4), rs.getString(5),
                rs.getString(6), Severity.fromWire(rs.getString(7)), AlertState.fromWire(rs.getString(8)),
                nullableDouble(rs, 9), nullableDouble(rs, 10), rs.getString(11), rs.getString(12), rs.getLong(13),
                nullableLong(rs, 14), nullableLong(rs, 15), rs.getLong(16), nullableLong(rs, 17), nullableLong(rs, 18),
                rs.getString(19), rs.getBoolean(20), rs.getBoolean(21));
    }

    static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    static Double nullableDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        // MySQL refuses NaN/Infinity; an unbounded value (a trend heading nowhere) is stored as unknown
        if (v == null || v.isNaN() || v.isInfinite()) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
