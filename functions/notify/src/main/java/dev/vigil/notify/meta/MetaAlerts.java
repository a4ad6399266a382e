package dev.vigil.notify.meta;

import dev.vigil.core.alert.AlertEventKind;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.alert.Fingerprint;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.sample.Labels;
import dev.vigil.notify.store.Jdbc;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Vigil's alerts about itself, written as ordinary rows in {@code alerts} (host "vigil", no host_id)
 * with their events, so they flow through the same grouping, routing, repeats and ack as any alert.
 */
@Singleton
public class MetaAlerts {

    public static final String HOST = "vigil";
    public static final String DELIVERY_FAILING = "NotificationDeliveryFailing";
    public static final String EVALUATION_STALE = "VigilEvaluationStale";
    private static final Severity SEVERITY = Severity.CRITICAL;

    private static final String OPEN = "INSERT IGNORE INTO alerts (fingerprint, open_fingerprint, rule, host_id, host, labels, severity,"
            + " state, summary, value_text, starts_at, firing_at, updated_at, silenced, inhibited)"
            + " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE)";
    private static final String EVENT = "INSERT INTO alert_events (alert_id, kind, severity, value, at) VALUES (?, ?, ?, NULL, ?)";
    private static final String FIND_OPEN = "SELECT id FROM alerts WHERE open_fingerprint = ?";
    private static final String RESOLVE = "UPDATE alerts SET state = ?, open_fingerprint = NULL, ends_at = ?, updated_at = ?,"
            + " resolution = 'recovered', resolution_text = ? WHERE id = ? AND open_fingerprint IS NOT NULL";

    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    public MetaAlerts(TransactionOperations<Connection> tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    public void deliveryFailing(String receiver, String error) {
        raise(DELIVERY_FAILING, Map.of("receiver", receiver),
                "Notifications to " + receiver + " are failing and were dead-lettered: " + error, "deliveries dead-lettered");
    }

    public void deliveryRecovered(String receiver) {
        resolve(DELIVERY_FAILING, Map.of("receiver", receiver), "deliveries succeed again");
    }

    /** Opens the alert unless it is already open; the unique open_fingerprint makes this race-free. */
    public boolean raise(String rule, Map<String, String> labels, String summary, String valueText) {
        return raise(rule, labels, summary, valueText, SEVERITY);
    }

    /** As {@link #raise(String, Map, String, String)} with a severity of its own (the Watchdog's is info). */
    public boolean raise(String rule, Map<String, String> labels, String summary, String valueText, Severity severity) {
        String labelsJson = Labels.toJson(labels);
        String fp = Fingerprint.of(rule, HOST, labelsJson);
        long now = clock.millis();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            long id = Jdbc.insert(c, OPEN, fp, fp, rule, HOST, labelsJson, severity.wire(), AlertState.FIRING.wire(), summary,
                    valueText, now, now, now);
            if (id > 0) {
                Jdbc.update(c, EVENT, id, AlertEventKind.FIRING.name(), severity.wire(), now);
                return true;
            }
            return false;
        });
    }

    public boolean resolve(String rule, Map<String, String> labels, String resolutionText) {
        String fp = Fingerprint.of(rule, HOST, Labels.toJson(labels));
        long now = clock.millis();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<Long> open = Jdbc.query(c, FIND_OPEN, rs -> rs.getLong(1), fp);
            if (open.isEmpty() || Jdbc.update(c, RESOLVE, AlertState.RESOLVED.wire(), now, now, resolutionText, open.get(0)) == 0) {
                return false;
            }
            Jdbc.update(c, EVENT, open.get(0), AlertEventKind.RESOLVED.name(), SEVERITY.wire(), now);
            return true;
        });
    }
}
