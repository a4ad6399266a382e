package dev.vigil.notify.nflog;

import dev.vigil.notify.store.Jdbc;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each receiver was last told about each fingerprint (Alertmanager's nflog as a table), so
 * repeats, escalations and resolved messages survive restarts and a second runner.
 */
@Singleton
public class NotificationLog {

    /** A receiver's last notification of one fingerprint: which episode (alert id) and when. */
    public record Entry(String receiver, String fingerprint, long alertId, long notifiedAt) {
    }

    private static final String UPSERT = "INSERT INTO notify_log (receiver, fingerprint, alert_id, notified_at) VALUES (?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE alert_id = VALUES(alert_id), notified_at = VALUES(notified_at)";

    public void record(Connection c, String receiver, String fingerprint, long alertId, long at) {
        Jdbc.update(c, UPSERT, receiver, fingerprint, alertId, at);
    }

    /** Entries for these fingerprints, keyed receiver + "/" + fingerprint. */
    public Map<String, Entry> find(Connection c, Collection<String> fingerprints) {
        Map<String, Entry> out = new HashMap<>();
        if (fingerprints.isEmpty()) {
            return out;
        }
        List<String> fps = fingerprints.stream().distinct().toList();
        for (Entry e : Jdbc.query(c, "SELECT receiver, fingerprint, alert_id, notified_at FROM notify_log WHERE fingerprint IN ("
                        + Jdbc.placeholders(fps.size()) + ")",
                rs -> new Entry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)), fps.toArray())) {
            out.put(key(e.receiver(), e.fingerprint()), e);
        }
        return out;
    }

    public static String key(String receiver, String fingerprint) {
        return receiver + "/" + fingerprint;
    }
}
