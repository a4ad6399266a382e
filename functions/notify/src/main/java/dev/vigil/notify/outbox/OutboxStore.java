package dev.vigil.notify.outbox;

import dev.vigil.notify.store.Jdbc;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Every SQL statement on {@code notify_outbox}. A claim is a conditional UPDATE of one row (works on
 * MySQL, MariaDB and H2, which has no SKIP LOCKED): of two runners racing for a row, exactly one
 * sees "1 row updated" and sends it.
 */
@Singleton
public class OutboxStore {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String DEAD = "DEAD";

    private static final String ENQUEUE = "INSERT INTO notify_outbox (receiver, group_key, kind, payload, status, attempts,"
            + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)";
    private static final String DUE_RECEIVERS = "SELECT DISTINCT receiver FROM notify_outbox WHERE status = 'PENDING'"
            + " AND next_attempt_at <= ? AND (claim_until IS NULL OR claim_until < ?)";
    private static final String DUE = "SELECT id FROM notify_outbox WHERE receiver = ? AND status = 'PENDING' AND next_attempt_at <= ?"
            + " AND (claim_until IS NULL OR claim_until < ?) ORDER BY id LIMIT ?";
    private static final String CLAIM = "UPDATE notify_outbox SET claimed_by = ?, claim_until = ? WHERE id = ? AND status = 'PENDING'"
            + " AND (claim_until IS NULL OR claim_until < ?)";
    private static final String CLAIMED = "SELECT id, receiver, kind, payload, attempts FROM notify_outbox WHERE claimed_by = ?"
            + " AND status = 'PENDING' AND id IN (%s) ORDER BY id";
    private static final String MARK_SENT = "UPDATE notify_outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1,"
            + " claimed_by = NULL, claim_until = NULL, last_error = NULL WHERE id = ? AND claimed_by = ?";
    private static final String RETRY_LATER = "UPDATE notify_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
            + " claimed_by = NULL, claim_until = NULL WHERE id = ? AND claimed_by = ?";
    private static final String DEFER = "UPDATE notify_outbox SET next_attempt_at = ?, claimed_by = NULL, claim_until = NULL"
            + " WHERE id = ? AND claimed_by = ?";
    private static final String DEAD_LETTER = "UPDATE notify_outbox SET status = 'DEAD', attempts = attempts + 1, last_error = ?,"
            + " claimed_by = NULL, claim_until = NULL WHERE id = ? AND claimed_by = ?";

    private final ConnectionOperations<Connection> connections;

    public OutboxStore(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    /** Inside the planner's transaction. */
    public void enqueue(Connection c, String receiver, String groupKey, String kind, String payload, long now) {
        Jdbc.insert(c, ENQUEUE, receiver, groupKey, kind, payload, now, now);
    }

    public List<String> dueReceivers(long now) {
        return read(c -> Jdbc.query(c, DUE_RECEIVERS, rs -> rs.getString(1), now, now));
    }

    /** Claims up to {@code limit} due items of one receiver for {@code runner} until {@code claimUntil}. */
    public List<OutboxItem> claim(String receiver, String runner, long now, long claimUntil, int limit) {
        return write(c -> {
            List<Long> candidates = Jdbc.query(c, DUE, rs -> rs.getLong(1), receiver, now, now, limit);
            List<Long> won = new ArrayList<>();
            for (long id : candidates) {
                if (Jdbc.update(c, CLAIM, runner, claimUntil, id, now) == 1) {
                    won.add(id);
                }
            }
            if (won.isEmpty()) {
                return List.of();
            }
            Object[] params = new Object[won.size() + 1];
            params[0] = runner;
            for (int i = 0; i < won.size(); i++) {
                params[i + 1] = won.get(i);
            }
            return Jdbc.query(c, CLAIMED.formatted(Jdbc.placeholders(won.size())),
                    rs -> new OutboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)), params);
        });
    }

    public void markSent(OutboxItem item, String runner, long now) {
        write(c -> Jdbc.update(c, MARK_SENT, now, item.id(), runner));
    }

    public void retryLater(OutboxItem item, String runner, long nextAttemptAt, String error) {
        write(c -> Jdbc.update(c, RETRY_LATER, nextAttemptAt, truncate(error), item.id(), runner));
    }

    /** Gives an unsent claimed item back without counting an attempt (its receiver just failed on another item). */
    public void defer(OutboxItem item, String runner, long nextAttemptAt) {
        write(c -> Jdbc.update(c, DEFER, nextAttemptAt, item.id(), runner));
    }

    public void deadLetter(OutboxItem item, String runner, String error) {
        write(c -> Jdbc.update(c, DEAD_LETTER, truncate(error), item.id(), runner));
    }

    private <T> T write(java.util.function.Function<Connection, T> body) {
        return connections.executeWrite(status -> body.apply(status.getConnection()));
    }

    private <T> T read(java.util.function.Function<Connection, T> body) {
        return connections.executeRead(status -> body.apply(status.getConnection()));
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
