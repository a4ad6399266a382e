package dev.vigil.notify.nflog;

import dev.vigil.core.rules.Severity;
import dev.vigil.core.db.Sql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each receiver integration was last told about each fingerprint (Alertmanager's nflog as a
 * table): which episode (alert id), at which severity, when, and whether it heard the resolution.
 * Dedup, repeats and resolved messages read it, so they survive restarts and a second runner.
 */
@Singleton
public class NotificationLog {

    /** Escalations are logged under this prefix, apart from the integration's ordinary notifications. */
    public static final String ESCALATION_PREFIX = "escalation:";

    /** An integration's last notification of one fingerprint. */
    public record Entry(String receiver, String fingerprint, long alertId, long notifiedAt, @Nullable Severity severity,
                        @Nullable Long resolvedAt) {

        /** Whether this entry is about this episode at this severity: then the alert was announced. */
        public boolean announced(long alertId, Severity severity) {
            return this.alertId == alertId && (this.severity == null || this.severity == severity);
        }
    }

    private static final String UPSERT = "INSERT INTO notify_log (receiver, fingerprint, alert_id, notified_at, severity, resolved_at)"
            + " VALUES (?, ?, ?, ?, ?, NULL) ON DUPLICATE KEY UPDATE alert_id = VALUES(alert_id), notified_at = VALUES(notified_at),"
            + " severity = VALUES(severity), resolved_at = NULL";
    private static final String RESOLVED = "UPDATE notify_log SET resolved_at = ? WHERE receiver = ? AND fingerprint = ? AND alert_id = ?";

    /** One notification of one alert to one receiver, for {@link #record}. */
    public record Told(String receiver, String fingerprint, long alertId, Severity severity) {
    }

    /** What receivers were told at {@code at}, in one batch. */
    public void record(Connection c, List<Told> told, long at) {
        Sql.batch(c, UPSERT, told.stream().map(t -> new Object[]{t.receiver(), t.fingerprint(), t.alertId(), at, t.severity().wire()}).toList());
    }

    /** The receiver was told (or, without send_resolved, need not be told) that these episodes ended. */
    public void resolved(Connection c, String receiver, List<dev.vigil.notify.model.AlertSnapshot> ended, long at) {
        Sql.batch(c, RESOLVED, ended.stream().map(a -> new Object[]{at, receiver, a.fingerprint(), a.id()}).toList());
    }

    /** Entries for these fingerprints, keyed {@link #key}. */
    public Map<String, Entry> find(Connection c, Collection<String> fingerprints) {
        Map<String, Entry> out = new HashMap<>();
        if (fingerprints.isEmpty()) {
            return out;
        }
        List<String> fps = fingerprints.stream().distinct().toList();
        // Bounded IN lists: thousands of firing alerts must not make one statement of unbounded size.
        for (int from = 0; from < fps.size(); from += Sql.MAX_IN) {
            List<String> chunk = fps.subList(from, Math.min(fps.size(), from + Sql.MAX_IN));
            for (Entry e : Sql.query(c, "SELECT receiver, fingerprint, alert_id, notified_at, severity, resolved_at FROM notify_log"
                            + " WHERE fingerprint IN (" + Sql.placeholders(chunk.size()) + ")",
                    rs -> new Entry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5) == null ? null : Severity.fromWire(rs.getString(5)), Sql.nullableLong(rs, "resolved_at")),
                    chunk.toArray())) {
                out.put(key(e.receiver(), e.fingerprint()), e);
            }
        }
        return out;
    }

    public static String key(String receiver, String fingerprint) {
        return receiver + "/" + fingerprint;
    }
}
