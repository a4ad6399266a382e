package dev.vigil.core.sample;

import dev.vigil.core.db.Sql;
import dev.vigil.core.db.StorageException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one write path for samples. A batch is stored whole or not at all: the series it brings that the
 * host did not have, its samples, the latest value of each of its series and the host's last-seen time
 * commit in one transaction. Re-sent samples (same series and ts) are ignored by the primary key and
 * counted as duplicates.
 * <p>The host's last-seen time is written at most once per {@link #LAST_SEEN_RESOLUTION_MS} per host by this
 * process (issue 17: one round trip less for a sender posting several batches a second), so last_seen_at may lag
 * the newest batch by up to that much; host-down and staleness thresholds are minutes.
 */
@Singleton
public class SampleBatchWriter {

    /** Rows per multi-row INSERT: large enough to amortise round trips, far below max_allowed_packet. */
    static final int ROWS_PER_STATEMENT = 1000;
    /** InnoDB may pick a batch as a deadlock victim under concurrent writers; the whole batch is retried. */
    static final int DEADLOCK_ATTEMPTS = 3;
    /** How stale this process lets a host's last_seen_at become before a batch writes it again. */
    public static final long LAST_SEEN_RESOLUTION_MS = 5_000;

    private final SeriesDictionary dictionary;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    /** Host id to the last-seen time this process last committed for it. */
    private final Map<Integer, Long> lastSeenWritten = new ConcurrentHashMap<>();

    public SampleBatchWriter(SeriesDictionary dictionary, TransactionOperations<Connection> transactions, Clock clock) {
        this.dictionary = dictionary;
        this.transactions = transactions;
        this.clock = clock;
    }

    public WriteResult write(int hostId, List<Sample> samples) {
        return write(hostId, SampleColumns.of(samples));
    }

    public WriteResult write(int hostId, SampleColumns batch) {
        if (batch.size() == 0) {
            return new WriteResult(0, 0);
        }
        List<SeriesKey> missing = new ArrayList<>();
        Map<SeriesKey, Long> cached = dictionary.cached(hostId, batch.series(), missing);
        if (missing.isEmpty()) {
            return writeResolved(hostId, batch, cached, List.of());
        }
        ReentrantLock creation = dictionary.creationLock(hostId);
        creation.lock();
        try {
            return writeResolved(hostId, batch, cached, missing);
        } finally {
            creation.unlock();
        }
    }

    /** Resolves {@code missing} (if any) and stores the batch in one transaction; caches the new ids after it commits. */
    private WriteResult writeResolved(int hostId, SampleColumns batch, Map<SeriesKey, Long> cached, List<SeriesKey> missing) {
        long seenAt = clock.millis();
        Long written = lastSeenWritten.get(hostId);
        boolean touchHost = written == null || seenAt - written >= LAST_SEEN_RESOLUTION_MS || seenAt < written;
        for (int attempt = 1; ; attempt++) {
            boolean retry = attempt > 1;
            try {
                Map<SeriesKey, Long> resolved = new HashMap<>();
                int inserted = transactions.executeWrite(status -> {
                    return Sql.call("could not store samples", () -> {
                        Connection c = status.getConnection();
                        if (!missing.isEmpty()) {
                            resolved.putAll(dictionary.readOrCreate(c, hostId, missing, retry));
                        }
                        List<SeriesKey> series = batch.series();
                        long[] ids = new long[series.size()];
                        for (int k = 0; k < ids.length; k++) {
                            Long id = cached.get(series.get(k));
                            ids[k] = id != null ? id : resolved.get(series.get(k));
                        }
                        return store(c, hostId, batch, ids, touchHost ? seenAt : -1);
                    });
                });
                dictionary.remember(hostId, resolved);
                if (touchHost) {
                    lastSeenWritten.merge(hostId, seenAt, Math::max);
                }
                return new WriteResult(inserted, batch.size() - inserted);
            } catch (StorageException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    /** {@code ids} holds the id of each of the batch's series. */
    private static int store(Connection c, int hostId, SampleColumns batch, long[] ids, long seenAt) throws SQLException {
        int[] seriesOf = batch.seriesOf();
        long[] ts = batch.ts();
        double[] values = batch.values();
        // A point sent twice in one batch is stored once, and the first one wins in history and in
        // the latest value alike (INSERT IGNORE alone would keep the first in history only). A ts above
        // its series' newest so far cannot repeat one; only the rest are checked against a set.
        int[] kept = new int[batch.size()];
        int keptCount = 0;
        long[] newestTs = new long[ids.length];
        int[] newest = new int[ids.length];
        Arrays.fill(newestTs, Long.MIN_VALUE);
        Set<SeriesPoint> seen = null;
        for (int i = 0; i < kept.length; i++) {
            int s = seriesOf[i];
            if (ts[i] > newestTs[s]) {
                newestTs[s] = ts[i];
                newest[s] = i;
                if (seen != null) {
                    seen.add(new SeriesPoint(s, ts[i]));
                }
            } else {
                if (seen == null) {
                    seen = new HashSet<>();
                    for (int j = 0; j < keptCount; j++) {
                        seen.add(new SeriesPoint(seriesOf[kept[j]], ts[kept[j]]));
                    }
                }
                if (!seen.add(new SeriesPoint(s, ts[i]))) {
                    continue;
                }
            }
            kept[keptCount++] = i;
        }
        int inserted = 0;
        for (int from = 0; from < keptCount; from += ROWS_PER_STATEMENT) {
            int to = Math.min(keptCount, from + ROWS_PER_STATEMENT);
            try (PreparedStatement ps = c.prepareStatement(SampleSql.rows(
                    SampleSql.INSERT_SAMPLES_PREFIX, SampleSql.INSERT_SAMPLES_ROW, to - from, ""))) {
                int p = 1;
                for (int k = from; k < to; k++) {
                    int i = kept[k];
                    ps.setLong(p++, ids[seriesOf[i]]);
                    ps.setLong(p++, ts[i]);
                    ps.setDouble(p++, values[i]);
                }
                inserted += ps.executeUpdate();
            }
        }
        upsertLatest(c, batch, ids, newest);
        if (seenAt >= 0) {
            try (PreparedStatement ps = c.prepareStatement(SampleSql.TOUCH_HOST)) {
                ps.setLong(1, seenAt);
                ps.setInt(2, hostId);
                ps.executeUpdate();
            }
        }
        return inserted;
    }

    /** One row per series (its newest sample, {@code newest[s]}), in id order so concurrent writers lock rows alike. */
    private static void upsertLatest(Connection c, SampleColumns batch, long[] ids, int[] newest) throws SQLException {
        Integer[] order = new Integer[ids.length];
        for (int s = 0; s < order.length; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
        for (int from = 0; from < order.length; from += ROWS_PER_STATEMENT) {
            int to = Math.min(order.length, from + ROWS_PER_STATEMENT);
            try (PreparedStatement ps = c.prepareStatement(SampleSql.rows(SampleSql.UPSERT_LATEST_PREFIX,
                    SampleSql.UPSERT_LATEST_ROW, to - from, SampleSql.UPSERT_LATEST_SUFFIX))) {
                int p = 1;
                for (int r = from; r < to; r++) {
                    int s = order[r];
                    ps.setLong(p++, ids[s]);
                    ps.setLong(p++, batch.ts()[newest[s]]);
                    ps.setDouble(p++, batch.values()[newest[s]]);
                }
                ps.executeUpdate();
            }
        }
    }

    /** A point of the batch: its series' index in the batch and its ts. */
    private record SeriesPoint(int series, long ts) {
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransactionRollbackException
                    || (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213))) {
                return true;
            }
        }
        return false;
    }
}
