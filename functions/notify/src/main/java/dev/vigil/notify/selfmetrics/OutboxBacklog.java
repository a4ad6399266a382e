package dev.vigil.notify.selfmetrics;

import dev.vigil.core.sample.Sample;
import dev.vigil.core.selfmetrics.SelfMetricSource;
import dev.vigil.core.selfmetrics.SelfMetrics;
import dev.vigil.core.db.Sql;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * Notify's gauges among Vigil's own figures: how many outbox items wait for delivery and how old the oldest
 * is (0 when none waits). One query on the (status, next_attempt_at) index.
 */
@Singleton
public class OutboxBacklog implements SelfMetricSource {

    private static final String BACKLOG = "SELECT COUNT(*), MIN(created_at) FROM notify_outbox WHERE status = 'PENDING'";

    private final TransactionOperations<Connection> tx;

    public OutboxBacklog(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    @Override
    public List<Sample> read(long now) {
        long[] backlog = tx.executeRead(status -> Sql.query(status.getConnection(), BACKLOG,
                rs -> new long[] {rs.getLong(1), rs.getObject(2) == null ? now : rs.getLong(2)}).get(0));
        return List.of(new Sample(SelfMetrics.OUTBOX_DEPTH, Map.of(), now, backlog[0]),
                new Sample(SelfMetrics.OUTBOX_OLDEST_AGE, Map.of(), now, Math.max(0, now - backlog[1]) / 1000.0));
    }
}
