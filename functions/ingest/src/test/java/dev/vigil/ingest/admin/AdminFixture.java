package dev.vigil.ingest.admin;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Rows as evaluation and notify write them: alerts, their events, outbox items and their alert links. */
final class AdminFixture {

    private final DataSource dataSource;

    AdminFixture(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    record Alert(String rule, String host, String labels, String hostLabels, String severity, String state, double value,
                 long startsAt) {
    }

    long alert(Alert a) {
        return insert("INSERT INTO alerts (fingerprint, open_fingerprint, rule, host_id, host, labels, severity, state, value, "
                        + "threshold, summary, runbook, starts_at, firing_at, ends_at, updated_at, silenced, inhibited, "
                        + "host_labels, value_text, threshold_text, resolution, resolution_text, runbook_url) "
                        + "VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, 90, ?, 'du -xh / | sort -h', ?, ?, ?, ?, TRUE, FALSE, ?, ?, "
                        + "'90%', ?, ?, 'https://runbooks.example.org/disk')",
                fingerprint(a), "resolved".equals(a.state()) ? null : fingerprint(a), a.rule(), a.host(), a.labels(),
                a.severity(), a.state(), a.value(), a.host() + ": " + a.rule(), a.startsAt(), a.startsAt() + 60_000,
                "resolved".equals(a.state()) ? a.startsAt() + 600_000 : null, a.startsAt() + 60_000, a.hostLabels(),
                a.value() + "%", "resolved".equals(a.state()) ? "recovered" : null,
                "resolved".equals(a.state()) ? "back to 71.2% (threshold 90%)" : null);
    }

    void event(long alertId, String kind, String severity, double value, long at, String detail) {
        insert("INSERT INTO alert_events (alert_id, kind, severity, value, at, detail) VALUES (?, ?, ?, ?, ?, ?)",
                alertId, kind, severity, value, at, detail);
    }

    record Outbox(String receiver, String target, String kind, String status, int attempts, long createdAt, Long sentAt,
                  String lastError, String payload) {
    }

    long outbox(Outbox o, long... alertIds) {
        long id = insert("INSERT INTO notify_outbox (receiver, group_key, kind, payload, status, attempts, next_attempt_at, "
                        + "created_at, sent_at, last_error, target) VALUES (?, 'g', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                o.receiver(), o.kind(), o.payload(), o.status(), o.attempts(), o.createdAt() + 30_000, o.createdAt(),
                o.sentAt(), o.lastError(), o.target());
        for (long alertId : alertIds) {
            insert("INSERT INTO notify_outbox_alert (outbox_id, alert_id) VALUES (?, ?)", id, alertId);
        }
        return id;
    }

    /** A payload shaped like notify's: the group's host and a snapshot of each alert. */
    static String payload(String kind, String host, String... rulesAndSeverities) {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < rulesAndSeverities.length; i += 2) {
            alerts.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"rule\":\"").append(rulesAndSeverities[i])
                    .append("\",\"host\":\"").append(host).append("\",\"labels\":{\"mount\":\"/\"},\"severity\":\"")
                    .append(rulesAndSeverities[i + 1]).append("\",\"state\":\"firing\",\"value\":93.1}");
        }
        return "{\"receiver\":\"email\",\"kind\":\"" + kind + "\",\"host\":\"" + host + "\",\"createdAt\":1,\"alerts\":["
                + alerts + "]}";
    }

    private static String fingerprint(Alert a) {
        return String.format("%032x", (a.rule() + a.host() + a.labels() + a.startsAt()).hashCode() & 0xffffffffL);
    }

    long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    String string(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private long insert(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
