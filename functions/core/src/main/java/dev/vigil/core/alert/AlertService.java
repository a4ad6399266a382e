package dev.vigil.core.alert;

import dev.vigil.core.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Acknowledges alerts (which stops repeat notifications) in a transaction of its own, through {@link AlertStore};
 * the API reads alerts through its own read model.
 */
@Singleton
public class AlertService {

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public AlertService(TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    public enum AckResult { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, NOT_FOUND, RESOLVED }

    public AckResult acknowledge(long id, String by) {
        return acknowledge(id, by, null);
    }

    /** Records who acknowledged the alert (and why) and appends an ACKNOWLEDGED event; idempotent. */
    public AckResult acknowledge(long id, String by, @Nullable String comment) {
        long now = clock.millis();
        return transactions.executeWrite(status -> {
            AlertStore store = new AlertStore(status.getConnection());
            return Sql.call("could not acknowledge alert " + id, () -> {
                Optional<AlertRecord> alert = store.find(id);
                if (alert.isEmpty()) {
                    return AckResult.NOT_FOUND;
                }
                if (!alert.get().open()) {
                    return AckResult.RESOLVED;
                }
                if (!store.acknowledge(id, now, by, comment)) {
                    return AckResult.ALREADY_ACKNOWLEDGED;
                }
                store.appendEvents(List.of(new AlertStore.Event(id, AlertEventKind.ACKNOWLEDGED,
                        alert.get().severity(), alert.get().value(), now, "acknowledged by " + by)));
                return AckResult.ACKNOWLEDGED;
            });
        });
    }
}
