package dev.vigil.ingest.alert;

import dev.vigil.core.alert.AlertState;
import dev.vigil.core.host.HostLabels;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.sample.Labels;
import dev.vigil.ingest.admin.ReadStatements;
import dev.vigil.ingest.notification.NotificationHistory;
import dev.vigil.ingest.notification.NotificationView;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.vigil.core.db.Sql.nullableDouble;
import static dev.vigil.core.db.Sql.nullableLong;

/**
 * Alerts as the API shows them, read straight from {@code alerts}, {@code alert_events} and the notification
 * history: a listing is one statement, a detail a fixed handful, whatever the alert's history.
 */
@Singleton
public class AlertReadModel {

    /** Resolved alerts pile up; a listing returns at most this many, newest first. */
    public static final int MAX_LISTED = 1000;
    /** A flapping alert can gather many events; the detail shows the newest this many. */
    public static final int MAX_EVENTS = 1000;
    /** Notifications about one alert shown in its detail (repeats of a week-long alert stay well below). */
    public static final int MAX_NOTIFICATIONS = 1000;

    private static final String COLUMNS = "id, fingerprint, rule, host, labels, host_labels, severity, state, value, "
            + "starts_at, ends_at, summary, acknowledged_at, threshold, value_text, threshold_text, firing_at, "
            + "updated_at, predicted_at, resolution, resolution_text, runbook, runbook_url, silenced, inhibited, "
            + "acknowledged_by, acknowledged_comment";
    private static final String EVENTS = "SELECT id, kind, severity, value, at, detail FROM alert_events "
            + "WHERE alert_id = ? ORDER BY id DESC LIMIT " + (MAX_EVENTS + 1);

    private final ReadStatements reads;
    private final NotificationHistory notifications;

    public AlertReadModel(ReadStatements reads, NotificationHistory notifications) {
        this.reads = reads;
        this.notifications = notifications;
    }

    public List<AlertItem> list(@Nullable AlertState state, @Nullable String host, @Nullable Severity severity) {
        ReadStatements.Where where = new ReadStatements.Where()
                .and("state = ?", state == null ? null : state.wire())
                .and("host = ?", host)
                .and("severity = ?", severity == null ? null : severity.wire());
        String sql = "SELECT " + COLUMNS + " FROM alerts" + where.sql() + " ORDER BY id DESC LIMIT " + MAX_LISTED;
        return reads.read("alerts", session -> session.list(sql, AlertReadModel::item, where.params()));
    }

    public Optional<AlertItem> item(long id) {
        return reads.read("alert " + id, session ->
                session.list("SELECT " + COLUMNS + " FROM alerts WHERE id = ?", AlertReadModel::item, List.of(id)))
                .stream().findFirst();
    }

    public Optional<AlertDetail> detail(long id) {
        return reads.read("alert " + id, session -> {
            List<AlertDetail> alert = session.list("SELECT " + COLUMNS + " FROM alerts WHERE id = ?",
                    AlertReadModel::detail, List.of(id));
            if (alert.isEmpty()) {
                return Optional.empty();
            }
            List<AlertDetail.Event> events = new ArrayList<>(session.list(EVENTS, AlertReadModel::event, List.of(id)));
            boolean truncated = events.size() > MAX_EVENTS;
            if (truncated) {
                events.remove(events.size() - 1);
            }
            Collections.reverse(events);
            List<NotificationView> sent = new ArrayList<>(notifications.list(session,
                    NotificationHistory.Filter.ofAlert(id, MAX_NOTIFICATIONS)));
            Collections.reverse(sent);
            return Optional.of(alert.get(0).withTimeline(events, truncated, sent));
        });
    }

    private static AlertItem item(ResultSet rs) throws SQLException {
        return new AlertItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Labels.fromJson(rs.getString(5)), HostLabels.fromJson(rs.getString(6)), rs.getString(7),
                rs.getString(8), nullableDouble(rs, 9), rs.getLong(10), nullableLong(rs, 11), rs.getString(12),
                nullableLong(rs, 13) != null);
    }

    private static AlertDetail detail(ResultSet rs) throws SQLException {
        AlertItem a = item(rs);
        return new AlertDetail(a.id(), a.fingerprint(), a.rule(), a.host(), a.labels(), a.hostLabels(), a.severity(),
                a.state(), a.value(), a.startsAt(), a.endsAt(), a.summary(), a.acknowledged(),
                nullableDouble(rs, 14), rs.getString(15), rs.getString(16), nullableLong(rs, 17), rs.getLong(18),
                nullableLong(rs, 19), rs.getString(20), rs.getString(21), rs.getString(22), rs.getString(23),
                rs.getBoolean(24), rs.getBoolean(25), rs.getString(26), nullableLong(rs, 13), rs.getString(27),
                List.of(), false, List.of());
    }

    private static AlertDetail.Event event(ResultSet rs) throws SQLException {
        return new AlertDetail.Event(rs.getLong(1), rs.getString(2).toLowerCase(Locale.ROOT), rs.getString(3),
                nullableDouble(rs, 4), rs.getLong(5), rs.getString(6));
    }
}
