package dev.vigil.notify.outbox;

import dev.vigil.notify.store.Jdbc;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Every SQL statement on {@code notify_outbox}. A claim is a conditional UPDATE per row (works on
 * MySQL, MariaDB and H2, which has no SKIP LOCKED): of two runners racing for a row, exactly one
 * sees "1 row updated" and sends it. A batch's claims, and its SENT marks, go to the server as one
 * JDBC batch in one transaction: one round trip and one commit instead of one per item.
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
    private static final String RELEASE = "UPDATE notify_outbox SET claimed_by = NULL, claim_until = NULL"
            + " WHERE id = ? AND claimed_by = ? AND status = 'PENDING'";
    private static final String DEAD_LETTER = "UPDATE notify_outbox SET status = 'DEAD', attempts = attempts + 1, last_error = ?,"
            + " claimed_by = NULL, claim_until = NULL WHERE id = ? AND claimed_by = ?";

    private final TransactionOperations<Connection> tx;

    public OutboxStore(TransactionOperations<Connection> tx) {
        this.tx = tx;
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
            if (candidates.isEmpty()) {
                return List.of();
            }
            int[] counts = Jdbc.batchUpdate(c, CLAIM, candidates.stream().map(id -> new Object[]{runner, claimUntil, id, now}).toList());
            List<Long> won = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    won.add(candidates.get(i));
                }
            }
            if (won.isEmpty()) {
                return List.of();
            }
            return Jdbc.query(c, CLAIMED.formatted(Jdbc.placeholders(won.size())),
                    rs -> new OutboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                    withFirst(runner, won));
        });
    }

    /** Marks delivered items SENT, one statement for all of them. */
    public void markSent(List<OutboxItem> items, String runner, long now) {
        if (!items.isEmpty()) {
            write(c -> Jdbc.batchUpdate(c, MARK_SENT, items.stream().map(i -> new Object[]{now, i.id(), runner}).toList()));
        }
    }

    public void retryLater(OutboxItem item, String runner, long nextAttemptAt, String error) {
        write(c -> Jdbc.update(c, RETRY_LATER, nextAttemptAt, truncate(error), item.id(), runner));
    }

    /** Gives unsent claimed items back without counting an attempt (their receiver just failed on another item). */
    public void defer(List<OutboxItem> items, String runner, long nextAttemptAt) {
        if (!items.isEmpty()) {
            write(c -> Jdbc.batchUpdate(c, DEFER, items.stream().map(i -> new Object[]{nextAttemptAt, i.id(), runner}).toList()));
        }
    }

    /** Hands unsent claimed items back as they are (still due, no attempt counted) so any runner can claim them at once. */
    public void release(List<OutboxItem> items, String runner) {
        if (!items.isEmpty()) {
            write(c -> Jdbc.batchUpdate(c, RELEASE, items.stream().map(i -> new Object[]{i.id(), runner}).toList()));
        }
    }

    public void deadLetter(OutboxItem item, String runner, String error) {
        write(c -> Jdbc.update(c, DEAD_LETTER, truncate(error), item.id(), runner));
    }

    private static Object[] withFirst(Object first, List<Long> ids) {
        Object[] params = new Object[ids.size() + 1];
        params[0] = first;
        for (int i = 0; i < ids.size(); i++) {
            params[i + 1] = ids.get(i);
        }
        return params;
    }

    private <T> T write(java.util.function.Function<Connection, T> body) {
        return tx.executeWrite(status -> body.apply(status.getConnection()));
    }

    private <T> T read(java.util.function.Function<Connection, T> body) {
        return tx.executeRead(status -> body.apply(status.getConnection()));
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
