package dev.vigil.notify.meta;

import dev.vigil.notify.store.Jdbc;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * Vigil's alerts about itself, written as ordinary rows in {@code alerts} (host "vigil", no host_id)
 * with their events, so they flow through the same grouping, routing, repeats and ack as any alert.
 */
@Singleton
public class MetaAlerts {

    public static final String HOST = "vigil";
    public static final String DELIVERY_FAILING = "NotificationDeliveryFailing";
    public static final String EVALUATION_STALE = "VigilEvaluationStale";

    private static final String OPEN = "INSERT IGNORE INTO alerts (fingerprint, open_fingerprint, rule, host_id, host, labels, severity,"
            + " state, summary, starts_at, firing_at, updated_at, silenced, inhibited)"
            + " VALUES (?, ?, ?, NULL, ?, ?, 'critical', 'firing', ?, ?, ?, ?, FALSE, FALSE)";
    private static final String EVENT = "INSERT INTO alert_events (alert_id, kind, severity, value, at) VALUES (?, ?, 'critical', NULL, ?)";
    private static final String FIND_OPEN = "SELECT id FROM alerts WHERE open_fingerprint = ?";
    private static final String RESOLVE = "UPDATE alerts SET state = 'resolved', open_fingerprint = NULL, ends_at = ?, updated_at = ?"
            + " WHERE id = ? AND open_fingerprint IS NOT NULL";

    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public MetaAlerts(TransactionOperations<Connection> tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public void deliveryFailing(String receiver, String error) {
        raise(DELIVERY_FAILING, "{\"receiver\":\"" + receiver + "\"}",
                "Notifications to " + receiver + " are failing and were dead-lettered: " + error);
    }

    public void deliveryRecovered(String receiver) {
        resolve(DELIVERY_FAILING, "{\"receiver\":\"" + receiver + "\"}");
    }

    /** Opens the alert unless it is already open; the unique open_fingerprint makes this race-free. */
    public boolean raise(String rule, String labelsJson, String summary) {
        String fp = fingerprint(rule, labelsJson);
        long now = clock.millis();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            long id = Jdbc.insert(c, OPEN, fp, fp, rule, HOST, labelsJson, summary, now, now, now);
            if (id > 0) {
                Jdbc.update(c, EVENT, id, "FIRING", now);
                return true;
            }
            return false;
        });
    }

    public boolean resolve(String rule, String labelsJson) {
        String fp = fingerprint(rule, labelsJson);
        long now = clock.millis();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<Long> open = Jdbc.query(c, FIND_OPEN, rs -> rs.getLong(1), fp);
            if (open.isEmpty() || Jdbc.update(c, RESOLVE, now, now, open.get(0)) == 0) {
                return false;
            }
            Jdbc.update(c, EVENT, open.get(0), "RESOLVED", now);
            return true;
        });
    }

    static String fingerprint(String rule, String labelsJson) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((rule + "\u0000" + HOST + "\u0000" + labelsJson).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
