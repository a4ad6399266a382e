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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
        if (samples.isEmpty()) {
            return new WriteResult(0, 0);
        }
        SeriesKey[] sampleKeys = new SeriesKey[samples.size()];
        Set<SeriesKey> keys = new LinkedHashSet<>();
        for (int i = 0; i < sampleKeys.length; i++) {
            sampleKeys[i] = samples.get(i).seriesKey();
            keys.add(sampleKeys[i]);
        }
        List<SeriesKey> missing = new ArrayList<>();
        Map<SeriesKey, Long> cached = dictionary.cached(hostId, keys, missing);
        if (missing.isEmpty()) {
            return writeResolved(hostId, samples, sampleKeys, cached, List.of());
        }
        ReentrantLock creation = dictionary.creationLock(hostId);
        creation.lock();
        try {
            return writeResolved(hostId, samples, sampleKeys, cached, missing);
        } finally {
            creation.unlock();
        }
    }

    /** Resolves {@code missing} (if any) and stores the batch in one transaction; caches the new ids after it commits. */
    private WriteResult writeResolved(int hostId, List<Sample> samples, SeriesKey[] sampleKeys, Map<SeriesKey, Long> cached,
                                      List<SeriesKey> missing) {
        long seenAt = clock.millis();
        Long written = lastSeenWritten.get(hostId);
        boolean touchHost = written == null || seenAt - written >= LAST_SEEN_RESOLUTION_MS || seenAt < written;
        for (int attempt = 1; ; attempt++) {
            try {
                Map<SeriesKey, Long> resolved = new HashMap<>();
                int inserted = transactions.executeWrite(status -> {
                    return Sql.call("could not store samples", () -> {
                        Connection c = status.getConnection();
                        Map<SeriesKey, Long> ids = cached;
                        if (!missing.isEmpty()) {
                            resolved.putAll(dictionary.readOrCreate(c, hostId, missing));
                            ids = new HashMap<>(cached);
                            ids.putAll(resolved);
                        }
                        return store(c, hostId, samples, sampleKeys, ids, touchHost ? seenAt : -1);
                    });
                });
                dictionary.remember(hostId, resolved);
                if (touchHost) {
                    lastSeenWritten.merge(hostId, seenAt, Math::max);
                }
                return new WriteResult(inserted, samples.size() - inserted);
            } catch (StorageException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    private static int store(Connection c, int hostId, List<Sample> all, SeriesKey[] sampleKeys, Map<SeriesKey, Long> ids,
                             long seenAt) throws SQLException {
        // A point sent twice in one batch is stored once, and the first one wins in history and in
        // the latest value alike (INSERT IGNORE alone would keep the first in history only).
        Set<SeriesPoint> seen = new HashSet<>();
        List<Sample> samples = new ArrayList<>(all.size());
        long[] seriesIds = new long[all.size()];
        for (int i = 0; i < sampleKeys.length; i++) {
            long id = ids.get(sampleKeys[i]);
            if (seen.add(new SeriesPoint(id, all.get(i).ts()))) {
                seriesIds[samples.size()] = id;
                samples.add(all.get(i));
            }
        }
        if (samples.size() < seriesIds.length) {
            seriesIds = Arrays.copyOf(seriesIds, samples.size());
        }
        return store(c, hostId, samples, seriesIds, seenAt);
    }

    private static int store(Connection c, int hostId, List<Sample> samples, long[] seriesIds, long seenAt)
            throws SQLException {
        int inserted = 0;
        for (int from = 0; from < samples.size(); from += ROWS_PER_STATEMENT) {
            int to = Math.min(samples.size(), from + ROWS_PER_STATEMENT);
            try (PreparedStatement ps = c.prepareStatement(SampleSql.rows(
                    SampleSql.INSERT_SAMPLES_PREFIX, SampleSql.INSERT_SAMPLES_ROW, to - from, ""))) {
                int p = 1;
                for (int i = from; i < to; i++) {
                    Sample s = samples.get(i);
                    ps.setLong(p++, seriesIds[i]);
                    ps.setLong(p++, s.ts());
                    ps.setDouble(p++, s.value());
                }
                inserted += ps.executeUpdate();
            }
        }
        upsertLatest(c, samples, seriesIds);
        if (seenAt >= 0) {
            try (PreparedStatement ps = c.prepareStatement(SampleSql.TOUCH_HOST)) {
                ps.setLong(1, seenAt);
                ps.setInt(2, hostId);
                ps.executeUpdate();
            }
        }
        return inserted;
    }

    /** One row per series (its newest sample), in id order so concurrent writers lock rows alike. */
    private static void upsertLatest(Connection c, List<Sample> samples, long[] seriesIds) throws SQLException {
        Map<Long, Integer> newest = new HashMap<>();
        for (int i = 0; i < seriesIds.length; i++) {
            Integer current = newest.get(seriesIds[i]);
            if (current == null || samples.get(current).ts() <= samples.get(i).ts()) {
                newest.put(seriesIds[i], i);
            }
        }
        List<Map.Entry<Long, Integer>> rows = new ArrayList<>(new TreeMap<>(newest).entrySet());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            int to = Math.min(rows.size(), from + ROWS_PER_STATEMENT);
            try (PreparedStatement ps = c.prepareStatement(SampleSql.rows(SampleSql.UPSERT_LATEST_PREFIX,
                    SampleSql.UPSERT_LATEST_ROW, to - from, SampleSql.UPSERT_LATEST_SUFFIX))) {
                int p = 1;
                for (int r = from; r < to; r++) {
                    Sample s = samples.get(rows.get(r).getValue());
                    ps.setLong(p++, rows.get(r).getKey());
                    ps.setLong(p++, s.ts());
                    ps.setDouble(p++, s.value());
                }
                ps.executeUpdate();
            }
        }
    }

    private record SeriesPoint(long seriesId, long ts) {
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
