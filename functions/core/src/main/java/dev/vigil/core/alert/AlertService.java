package dev.vigil.core.alert;

import dev.vigil.core.db.StorageException;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.sample.Labels;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads alerts for the API and acknowledges them (which stops repeat notifications). */
@Singleton
public class AlertService {

    /** Resolved alerts pile up; a listing returns at most this many, newest first. */
    public static final int MAX_LISTED = 1000;

    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public AlertService(TransactionOperations<Connection> transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<AlertView> list(@Nullable AlertState state, @Nullable String host, @Nullable Severity severity) {
        StringBuilder sql = new StringBuilder("SELECT " + AlertStore.COLUMNS + " FROM alerts WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.wire());
        }
        if (host != null) {
            sql.append(" AND host = ?");
            args.add(host);
        }
        if (severity != null) {
            sql.append(" AND severity = ?");
            args.add(severity.wire());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(MAX_LISTED);
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                List<AlertView> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(view(AlertStore.read(rs)));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new StorageException("could not list alerts", e);
            }
        });
    }

    public enum AckResult { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, NOT_FOUND, RESOLVED }

    /** Records who acknowledged the alert and appends an ACKNOWLEDGED event; idempotent. */
    public AckResult acknowledge(long id, String by) {
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
                try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? "
                        + "WHERE id = ? AND acknowledged_at IS NULL")) {
                    ps.setLong(1, now);
                    ps.setString(2, by);
                    ps.setLong(3, id);
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

    public Optional<AlertView> find(long id) {
        return transactions.executeRead(status -> {
            try {
                return find(status.getConnection(), id).map(AlertService::view);
            } catch (SQLException e) {
                throw new StorageException("could not read alert " + id, e);
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

    static AlertView view(AlertRecord a) {
        return new AlertView(a.id(), a.fingerprint(), a.rule(), a.host(), Labels.fromJson(a.labelsJson()),
                a.severity().wire(), a.state().wire(), a.value(), a.startsAt(), a.endsAt(), a.summary(),
                a.acknowledgedAt() != null);
    }
}
