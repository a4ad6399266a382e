package dev.vigil.notify.meta;

import dev.vigil.core.alert.AlertEventKind;
import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.alert.AlertStateMachine;
import dev.vigil.core.alert.AlertStore;
import dev.vigil.core.alert.AlertTransition;
import dev.vigil.core.alert.Fingerprint;
import dev.vigil.core.alert.Resolution;
import dev.vigil.core.db.Sql;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.sample.Labels;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vigil's alerts about itself, written as ordinary rows in {@code alerts} (host "vigil", no host_id)
 * with their events, so they flow through the same grouping, routing, repeats and ack as any alert.
 */
@Singleton
public class MetaAlerts {

    public static final String DELIVERY_FAILING = "NotificationDeliveryFailing";
    public static final String EVALUATION_STALE = "VigilEvaluationStale";
    private static final Severity SEVERITY = Severity.CRITICAL;

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
        long now = clock.millis();
        AlertRecord raised = AlertRecord.builder()
                .fingerprint(Fingerprint.of(rule, SelfHost.NAME, labelsJson))
                .rule(rule)
                .host(null, SelfHost.NAME)
                .labelsJson(labelsJson)
                .severity(severity)
                .state(AlertState.FIRING)
                .value(null, valueText)
                .summary(summary)
                .startsAt(now)
                .firingAt(now)
                .updatedAt(now)
                .build();
        return tx.executeWrite(status -> {
            AlertStore store = new AlertStore(status.getConnection());
            return Sql.call("could not raise " + rule, () -> {
                AlertRecord inserted = store.insert(raised);
                if (inserted == null) {
                    return false;
                }
                store.appendEvents(List.of(new AlertStore.Event(inserted.id(), AlertEventKind.FIRING, severity, null,
                        now, null)));
                return true;
            });
        });
    }

    public boolean resolve(String rule, Map<String, String> labels, String resolutionText) {
        String fp = Fingerprint.of(rule, SelfHost.NAME, Labels.toJson(labels));
        long now = clock.millis();
        return tx.executeWrite(status -> {
            AlertStore store = new AlertStore(status.getConnection());
            return Sql.call("could not resolve " + rule, () -> {
                Optional<AlertRecord> open = store.findOpen(fp);
                if (open.isEmpty()) {
                    return false;
                }
                AlertTransition t = AlertStateMachine.resolve(open.get(), now, Resolution.RECOVERED, resolutionText);
                if (!store.updateOne(t.after())) {
                    return false;
                }
                store.appendEvents(List.of(new AlertStore.Event(open.get().id(), AlertEventKind.RESOLVED, open.get().severity(), null,
                        now, null)));
                return true;
            });
        });
    }
}
