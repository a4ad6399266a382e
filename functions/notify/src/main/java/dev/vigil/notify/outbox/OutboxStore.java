package dev.vigil.notify.outbox;

import dev.vigil.core.db.Sql;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every SQL statement on {@code notify_outbox}. A claim is a conditional UPDATE per row (works on
 * MySQL, MariaDB and H2, which has no SKIP LOCKED): of two runners racing for a row, exactly one
 * sees "1 row updated" and sends it. A batch's claims, and its SENT marks, go to the server as one
 * JDBC batch in one transaction: one round trip and one commit instead of one per item.
 */
@Singleton
public class OutboxStore {

    private static final String ENQUEUE = "INSERT INTO notify_outbox (receiver, group_key, kind, payload, status, attempts,"
            + " next_attempt_at, created_at, target) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)";
    private static final String RECORD_DONE = "INSERT INTO notify_outbox (receiver, group_key, kind, payload, status, attempts,"
            + " next_attempt_at, created_at, sent_at, last_attempt_at, last_error, target) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)";
    private static final String OUTBOX_ALERT = "INSERT INTO notify_outbox_alert (outbox_id, alert_id) VALUES (?, ?)";
    private static final int MAX_GROUP_KEY = 300;
    private static final int MAX_TARGET = 512;
    private static final String DUE_RECEIVERS = "SELECT DISTINCT receiver FROM notify_outbox WHERE status = 'PENDING'"
            + " AND next_attempt_at <= ? AND (claim_until IS NULL OR claim_until < ?)";
    private static final String DUE = "SELECT id FROM notify_outbox WHERE receiver = ? AND status = 'PENDING' AND next_attempt_at <= ?"
            + " AND (claim_until IS NULL OR claim_until < ?) ORDER BY id LIMIT ?";
    private static final String CLAIM = "UPDATE notify_outbox SET claimed_by = ?, claim_until = ? WHERE id = ? AND status = 'PENDING'"
            + " AND (claim_until IS NULL OR claim_until < ?)";
    private static final String CLAIMED = "SELECT id, receiver, kind, payload, attempts FROM notify_outbox WHERE claimed_by = ?"
            + " AND status = 'PENDING' AND id IN (%s) ORDER BY id";
    private static final String MARK_SENT = "UPDATE notify_outbox SET status = 'SENT', sent_at = ?, last_attempt_at = ?, attempts = attempts + 1,"
            + " claimed_by = NULL, claim_until = NULL WHERE id = ? AND claimed_by = ?";
    private static final String RETRY_LATER = "UPDATE notify_outbox SET attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = ?, last_error = ?,"
            + " claimed_by = NULL, claim_until = NULL WHERE id = ? AND claimed_by = ?";
    private static final String DEFER = "UPDATE notify_outbox SET next_attempt_at = ?, claimed_by = NULL, claim_until = NULL"
            + " WHERE id = ? AND claimed_by = ?";
    private static final String RELEASE = "UPDATE notify_outbox SET claimed_by = NULL, claim_until = NULL"
            + " WHERE id = ? AND claimed_by = ? AND status = 'PENDING'";
    private static final String DEAD_LETTER = "UPDATE notify_outbox SET status = 'DEAD', attempts = attempts + 1, last_attempt_at = ?, last_error = ?,"
            + " claimed_by = NULL, claim_until = NULL WHERE id = ? AND claimed_by = ?";

    private final TransactionOperations<Connection> tx;

    public OutboxStore(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    /** Inside the planner's transaction: the item, and which alerts it tells about (for the history). */
    public long enqueue(Connection c, String receiver, String groupKey, String kind, String payload, long now, String target,
                        Collection<Long> alertIds) {
        long id = Sql.insert(c, ENQUEUE, receiver, cut(groupKey, MAX_GROUP_KEY), kind, payload, now, now, cut(target, MAX_TARGET));
        List<Long> ids = alertIds.stream().distinct().toList();
        // One multi-row INSERT per chunk: a rewritten JDBC batch of inserts reports no per-row counts.
        for (int from = 0; from < ids.size(); from += Sql.MAX_IN) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + Sql.MAX_IN));
            Object[] params = new Object[chunk.size() * 2];
            for (int i = 0; i < chunk.size(); i++) {
                params[2 * i] = id;
                params[2 * i + 1] = chunk.get(i);
            }
            Sql.update(c, OUTBOX_ALERT + ", (?, ?)".repeat(chunk.size() - 1), params);
        }
        return id;
    }

    /** A delivery made outside the outbox (an operator's test send), recorded as done so the history shows it. */
    public long recordDelivered(String receiver, String groupKey, String kind, String payload, long at, boolean delivered,
                                String error, String target) {
        return write(c -> Sql.insert(c, RECORD_DONE, receiver, cut(groupKey, MAX_GROUP_KEY), kind, payload, delivered ? "SENT" : "DEAD",
                at, at, delivered ? at : null, at, truncate(error), cut(target, MAX_TARGET)));
    }

    /** The latest finished or failed attempt of an integration, for the receivers API. */
    public record LastAttempt(String receiver, String kind, String status, long at, String error) {
    }

    public Map<String, LastAttempt> lastAttempts(Collection<String> receivers) {
        Map<String, LastAttempt> out = new HashMap<>();
        if (receivers.isEmpty()) {
            return out;
        }
        List<String> names = List.copyOf(receivers);
        read(c -> Sql.query(c, "SELECT o.receiver, o.kind, o.status, o.last_attempt_at, o.last_error FROM notify_outbox o"
                        + " JOIN (SELECT receiver, MAX(last_attempt_at) AS at FROM notify_outbox WHERE receiver IN ("
                        + Sql.placeholders(names.size()) + ") AND last_attempt_at IS NOT NULL GROUP BY receiver) m"
                        + " ON m.receiver = o.receiver AND m.at = o.last_attempt_at ORDER BY o.id",
                rs -> out.put(rs.getString(1), new LastAttempt(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5))), names.toArray()));
        return out;
    }

    public List<String> dueReceivers(long now) {
        return read(c -> Sql.query(c, DUE_RECEIVERS, rs -> rs.getString(1), now, now));
    }

    /**
     * What one claim won, and whether more items of the receiver were due beyond its limit when it looked, so a
     * worker knows whether to claim again without a last claim that finds nothing.
     */
    public record Claimed(List<OutboxItem> items, boolean more) {
        static final Claimed NONE = new Claimed(List.of(), false);
    }

    /** Claims up to {@code limit} due items of one receiver for {@code runner} until {@code claimUntil}. */
    public Claimed claim(String receiver, String runner, long now, long claimUntil, int limit) {
        return write(c -> {
            // One id past the limit says whether another claim would find anything.
            List<Long> candidates = Sql.query(c, DUE, rs -> rs.getLong(1), receiver, now, now, limit + 1);
            boolean more = candidates.size() > limit;
            if (more) {
                candidates = candidates.subList(0, limit);
            }
            if (candidates.isEmpty()) {
                return Claimed.NONE;
            }
            List<Long> ids = candidates;
            int[] counts = Sql.batchUpdate(c, CLAIM, ids.stream().map(id -> new Object[]{runner, claimUntil, id, now}).toList());
            List<Long> won = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 1) {
                    won.add(ids.get(i));
                }
            }
            if (won.isEmpty()) {
                return Claimed.NONE;
            }
            return new Claimed(Sql.query(c, CLAIMED.formatted(Sql.placeholders(won.size())),
                    rs -> new OutboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                    withFirst(runner, won)), more);
        });
    }

    /** Marks delivered items SENT, one statement for all of them. */
    public void markSent(List<OutboxItem> items, String runner, long now) {
        if (!items.isEmpty()) {
            write(c -> Sql.batchUpdate(c, MARK_SENT, items.stream().map(i -> new Object[]{now, now, i.id(), runner}).toList()));
        }
    }

    public void retryLater(OutboxItem item, String runner, long now, long nextAttemptAt, String error) {
        write(c -> Sql.update(c, RETRY_LATER, now, nextAttemptAt, truncate(error), item.id(), runner));
    }

    /** Gives unsent claimed items back without counting an attempt (their receiver just failed on another item). */
    public void defer(List<OutboxItem> items, String runner, long nextAttemptAt) {
        if (!items.isEmpty()) {
            write(c -> Sql.batchUpdate(c, DEFER, items.stream().map(i -> new Object[]{nextAttemptAt, i.id(), runner}).toList()));
        }
    }

    /** Hands unsent claimed items back as they are (still due, no attempt counted) so any runner can claim them at once. */
    public void release(List<OutboxItem> items, String runner) {
        if (!items.isEmpty()) {
            write(c -> Sql.batchUpdate(c, RELEASE, items.stream().map(i -> new Object[]{i.id(), runner}).toList()));
        }
    }

    public void deadLetter(OutboxItem item, String runner, long now, String error) {
        write(c -> Sql.update(c, DEAD_LETTER, now, truncate(error), item.id(), runner));
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

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
