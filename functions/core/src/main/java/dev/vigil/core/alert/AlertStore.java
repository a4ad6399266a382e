package dev.vigil.core.alert;

import dev.vigil.core.rules.Severity;
import io.micronaut.core.annotation.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static dev.vigil.core.db.Sql.nullableDouble;
import static dev.vigil.core.db.Sql.nullableInt;
import static dev.vigil.core.db.Sql.nullableLong;
import static dev.vigil.core.db.Sql.setDouble;
import static dev.vigil.core.db.Sql.setInt;
import static dev.vigil.core.db.Sql.setLong;

/**
 * The only writer of {@code alerts} and {@code alert_events}: evaluation, notify's meta-alerts, the API's
 * acknowledgement and housekeeping's retention all change alerts through it, on the connection of their
 * own transaction. Portable (MySQL, MariaDB, H2). The unique key on open_fingerprint is the second guard
 * after the lease: an insert of an alert that is already open is ignored, and so are its events.
 */
public final class AlertStore {

    public static final String COLUMNS = "id, fingerprint, rule, host_id, host, labels, host_labels, severity, state, value, "
            + "threshold, value_text, threshold_text, summary, description, runbook, runbook_url, starts_at, firing_at, "
            + "ends_at, updated_at, predicted_at, acknowledged_at, acknowledged_by, silenced, inhibited, resolution, "
            + "resolution_text";

    /** Column sizes of V40 (VARCHAR counts characters): longer texts are cut, never refused. */
    public static final int MAX_VALUE_TEXT = 128;
    public static final int MAX_RESOLUTION_TEXT = 512;
    public static final int MAX_DETAIL = 512;
    public static final int MAX_RUNBOOK_URL = 2048;

    // Alerts without a host id are Vigil's meta-alerts about itself: notify raises and resolves its own
    // (NotificationDeliveryFailing, VigilEvaluationStale) and evaluation must not touch them; evaluation's
    // own (AlertCap.RULE) come with the host alerts, in the same statement.
    private static final String LOAD_OPEN = "SELECT " + COLUMNS + " FROM alerts WHERE open_fingerprint IS NOT NULL "
            + "AND (host_id IS NOT NULL OR rule = ?)";
    private static final String INSERT = "INSERT IGNORE INTO alerts (fingerprint, open_fingerprint, rule, host_id, host, "
            + "labels, host_labels, severity, state, value, threshold, value_text, threshold_text, summary, description, "
            + "runbook, runbook_url, starts_at, firing_at, ends_at, updated_at, predicted_at, acknowledged_at, "
            + "acknowledged_by, silenced, inhibited, resolution, resolution_text) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String UPDATE = "UPDATE alerts SET open_fingerprint = ?, severity = ?, state = ?, value = ?, "
            + "threshold = ?, value_text = ?, threshold_text = ?, summary = ?, description = ?, runbook = ?, "
            + "runbook_url = ?, firing_at = ?, ends_at = ?, updated_at = ?, predicted_at = ?, silenced = ?, inhibited = ?, "
            + "host_id = ?, host_labels = ?, resolution = ?, resolution_text = ? "
            + "WHERE id = ? AND open_fingerprint IS NOT NULL";
    private static final String INSERT_EVENT =
            "INSERT INTO alert_events (alert_id, kind, severity, value, at, detail) VALUES (?,?,?,?,?,?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM alerts WHERE id = ?";
    private static final String FIND_OPEN = "SELECT " + COLUMNS + " FROM alerts WHERE open_fingerprint = ?";
    private static final String ACKNOWLEDGE = "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, "
            + "acknowledged_comment = ? WHERE id = ? AND acknowledged_at IS NULL";
    private static final String EXPIRED = "SELECT id FROM alerts WHERE open_fingerprint IS NULL AND ends_at IS NOT NULL "
            + "AND ends_at < ? ORDER BY id LIMIT ";

    private final Connection connection;
    private int statements;

    public AlertStore(Connection connection) {
        this.connection = connection;
    }

    public int statements() {
        return statements;
    }

    /** Open alerts of hosts, and open meta-alerts of evaluation's own rule {@code metaRule}. */
    public List<AlertRecord> loadOpen(String metaRule) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(LOAD_OPEN)) {
            ps.setString(1, metaRule);
            try (ResultSet rs = ps.executeQuery()) {
                List<AlertRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    public Optional<AlertRecord> find(long id) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(FIND)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The open alert of a fingerprint, if there is one (the unique key allows at most one). */
    public Optional<AlertRecord> findOpen(String fingerprint) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(FIND_OPEN)) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** @return the row with its id, or null when an open alert of that fingerprint already exists */
    public AlertRecord insert(AlertRecord a) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            int p = 1;
            ps.setString(p++, a.fingerprint());
            ps.setString(p++, a.open() ? a.fingerprint() : null);
            ps.setString(p++, a.rule());
            setInt(ps, p++, a.hostId());
            ps.setString(p++, a.host());
            ps.setString(p++, a.labelsJson());
            ps.setString(p++, a.hostLabelsJson());
            ps.setString(p++, a.severity().wire());
            ps.setString(p++, a.state().wire());
            setDouble(ps, p++, a.value());
            setDouble(ps, p++, a.threshold());
            ps.setString(p++, cut(a.valueText(), MAX_VALUE_TEXT));
            ps.setString(p++, cut(a.thresholdText(), MAX_VALUE_TEXT));
            ps.setString(p++, a.summary());
            ps.setString(p++, a.description());
            ps.setString(p++, a.runbook());
            ps.setString(p++, url(a.runbookUrl()));
            ps.setLong(p++, a.startsAt());
            setLong(ps, p++, a.firingAt());
            setLong(ps, p++, a.endsAt());
            ps.setLong(p++, a.updatedAt());
            setLong(ps, p++, a.predictedAt());
            setLong(ps, p++, a.acknowledgedAt());
            ps.setString(p++, a.acknowledgedBy());
            ps.setBoolean(p++, a.silenced());
            ps.setBoolean(p++, a.inhibited());
            ps.setString(p++, a.resolution() == null ? null : a.resolution().wire());
            ps.setString(p, cut(a.resolutionText(), MAX_RESOLUTION_TEXT));
            if (ps.executeUpdate() == 0) {
                return null;
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return a.withId(keys.getLong(1));
            }
        }
    }

    public void update(List<AlertRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(UPDATE)) {
            for (AlertRecord a : rows) {
                bindUpdate(ps, a);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** @return false when the alert was closed meanwhile (closed rows are history and never change) */
    public boolean updateOne(AlertRecord a) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(UPDATE)) {
            bindUpdate(ps, a);
            return ps.executeUpdate() > 0;
        }
    }

    private static void bindUpdate(PreparedStatement ps, AlertRecord a) throws SQLException {
        int p = 1;
        ps.setString(p++, a.open() ? a.fingerprint() : null);
        ps.setString(p++, a.severity().wire());
        ps.setString(p++, a.state().wire());
        setDouble(ps, p++, a.value());
        setDouble(ps, p++, a.threshold());
        ps.setString(p++, cut(a.valueText(), MAX_VALUE_TEXT));
        ps.setString(p++, cut(a.thresholdText(), MAX_VALUE_TEXT));
        ps.setString(p++, a.summary());
        ps.setString(p++, a.description());
        ps.setString(p++, a.runbook());
        ps.setString(p++, url(a.runbookUrl()));
        setLong(ps, p++, a.firingAt());
        setLong(ps, p++, a.endsAt());
        ps.setLong(p++, a.updatedAt());
        setLong(ps, p++, a.predictedAt());
        ps.setBoolean(p++, a.silenced());
        ps.setBoolean(p++, a.inhibited());
        setInt(ps, p++, a.hostId());
        ps.setString(p++, a.hostLabelsJson());
        ps.setString(p++, a.resolution() == null ? null : a.resolution().wire());
        ps.setString(p++, cut(a.resolutionText(), MAX_RESOLUTION_TEXT));
        ps.setLong(p, a.id());
    }

    /** @return false when someone acknowledged it first */
    public boolean acknowledge(long id, long at, String by, @Nullable String comment) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(ACKNOWLEDGE)) {
            ps.setLong(1, at);
            ps.setString(2, by);
            ps.setString(3, comment);
            ps.setLong(4, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** How many alerts and events one {@link #deleteResolvedBefore} removed. */
    public record Deleted(long alerts, long events) {
    }

    /**
     * Deletes up to {@code limit} alerts resolved before {@code cutoff}, with their events (first: the events
     * reference the alert). Open alerts are never deleted, however old.
     */
    public Deleted deleteResolvedBefore(long cutoff, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(EXPIRED + limit)) {
            ps.setLong(1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return new Deleted(0, 0);
        }
        String in = " IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")";
        long events = deleteByIds("DELETE FROM alert_events WHERE alert_id" + in, ids);
        long alerts = deleteByIds("DELETE FROM alerts WHERE id" + in, ids);
        return new Deleted(alerts, events);
    }

    private long deleteByIds(String sql, List<Long> ids) throws SQLException {
        statements++;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            return ps.executeUpdate();
        }
    }

    /** One alert_events row; {@code detail} is a short sentence for the timeline (the value, the resolution). */
    public record Event(long alertId, AlertEventKind kind, Severity severity, @Nullable Double value, long at,
                 @Nullable String detail) {
    }

    public void appendEvents(List<Event> events) throws SQLException {
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
                ps.setString(6, cut(e.detail(), MAX_DETAIL));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Reads a row selected with {@link #COLUMNS}. */
    public static AlertRecord read(ResultSet rs) throws SQLException {
        return AlertRecord.builder()
                .id(rs.getLong(1))
                .fingerprint(rs.getString(2))
                .rule(rs.getString(3))
                .host(nullableInt(rs, 4), rs.getString(5))
                .labelsJson(rs.getString(6))
                .hostLabelsJson(rs.getString(7))
                .severity(Severity.fromWire(rs.getString(8)))
                .state(AlertState.fromWire(rs.getString(9)))
                .value(nullableDouble(rs, 10), rs.getString(12))
                .threshold(nullableDouble(rs, 11), rs.getString(13))
                .texts(rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17))
                .startsAt(rs.getLong(18))
                .firingAt(nullableLong(rs, 19))
                .endsAt(nullableLong(rs, 20))
                .updatedAt(rs.getLong(21))
                .predictedAt(nullableLong(rs, 22))
                .acknowledged(nullableLong(rs, 23), rs.getString(24))
                .silenced(rs.getBoolean(25))
                .inhibited(rs.getBoolean(26))
                .resolution(Resolution.fromWire(rs.getString(27)), rs.getString(28))
                .build();
    }

    /** At most {@code max} characters, never splitting a surrogate pair. */
    @Nullable
    public static String cut(@Nullable String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, end) + "…";
    }

    /** A URL too long for its column is dropped rather than cut into a broken link. */
    @Nullable
    private static String url(@Nullable String s) {
        return s == null || s.length() > MAX_RUNBOOK_URL ? null : s;
    }
}
