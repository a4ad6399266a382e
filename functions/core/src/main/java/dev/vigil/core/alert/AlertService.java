package dev.vigil.core.alert;

import dev.vigil.core.db.StorageException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Acknowledges alerts (which stops repeat notifications); the API reads alerts through its own read model. */
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
            Connection c = status.getConnection();
            try {
                Optional<AlertRecord> alert = find(c, id);
                if (alert.isEmpty()) {
                    return AckResult.NOT_FOUND;
                }
                if (!alert.get().open()) {
                    return AckResult.RESOLVED;
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, "
                        + "acknowledged_comment = ? WHERE id = ? AND acknowledged_at IS NULL")) {
                    ps.setLong(1, now);
                    ps.setString(2, by);
                    ps.setString(3, comment);
                    ps.setLong(4, id);
                    if (ps.executeUpdate() == 0) {
                        return AckResult.ALREADY_ACKNOWLEDGED;
                    }
                }
                new AlertStore(c).appendEvents(List.of(new AlertStore.Event(id, AlertEventKind.ACKNOWLEDGED,
                        alert.get().severity(), alert.get().value(), now, "acknowledged by " + by)));
                return AckResult.ACKNOWLEDGED;
            } catch (SQLException e) {
                throw new StorageException("could not acknowledge alert " + id, e);
            }
        });
    }

    private static Optional<AlertRecord> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertStore.COLUMNS + " FROM alerts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(AlertStore.read(rs)) : Optional.empty();
            }
        }
    }
}
