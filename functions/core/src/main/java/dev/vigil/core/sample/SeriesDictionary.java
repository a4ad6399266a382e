package dev.vigil.core.sample;

import dev.vigil.core.db.StorageException;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Maps (host, metric, labels) to the compact series id. Series rows are never deleted (retention
 * removes samples and rollups, a deleted host is only revoked) and ids never change, so ids are cached
 * in memory per process, and only ids of committed rows: a batch that rolls back caches nothing.
 * Misses are resolved inside the batch's own transaction ({@link SampleBatchWriter}): one read of the
 * multi-row INSERT IGNORE of the missing keys, the host's {@link SeriesLimits} judged on the rows it added,
 * and one locking read-back, so the series, their samples and latest values commit
 * together. INSERT IGNORE plus a locking read makes several writers (or Lambda containers) meeting the
 * same new series at once all succeed with the same ids.
 */
@Singleton
public class SeriesDictionary {

    /** Bounds the cache; past it the cache starts over (ids are cheap to read back). */
    static final int MAX_CACHED = 500_000;
    /** Keys per statement: a batch of 1,000 new series is one INSERT and one SELECT. */
    static final int CHUNK = 1_000;

    private record CacheKey(int hostId, SeriesKey key) {
    }

    private final Map<CacheKey, Long> cache = new ConcurrentHashMap<>();
    private final Map<Integer, ReentrantLock> hostLocks = new ConcurrentHashMap<>();
    private final SeriesLimits limits;
    private final Clock clock;

    public SeriesDictionary(SeriesLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** The cached ids of {@code keys}; the keys without one are added to {@code missing}. */
    Map<SeriesKey, Long> cached(int hostId, Collection<SeriesKey> keys, List<SeriesKey> missing) {
        Map<SeriesKey, Long> ids = new HashMap<>(keys.size() * 2);
        for (SeriesKey key : keys) {
            Long id = cache.get(new CacheKey(hostId, key));
            if (id != null) {
                ids.put(key, id);
            } else {
                missing.add(key);
            }
        }
        return ids;
    }

    /** Caches ids once the transaction that read or created them has committed. */
    void remember(int hostId, Map<SeriesKey, Long> committed) {
        if (cache.size() + committed.size() > MAX_CACHED) {
            cache.clear();
        }
        committed.forEach((key, id) -> cache.put(new CacheKey(hostId, key), id));
    }

    /**
     * Held by a writer from before it resolves a host's missing series until its transaction ends, so two
     * batches of this process cannot both slip under a limit, nor count while the other's new series are
     * uncommitted (across processes a limit may be overshot by one batch).
     */
    ReentrantLock creationLock(int hostId) {
        return hostLocks.computeIfAbsent(hostId, id -> new ReentrantLock());
    }

    /**
     * The ids of {@code keys}, creating the ones the host does not have yet, on the caller's transaction
     * (with {@link #creationLock} held). The keys are inserted first (INSERT IGNORE skips the ones the host
     * has) and the host's limits, counted before the insert, judged on the rows really added: a first batch
     * costs one statement less than reading first (issue 17). {@code readFirst} reads the known ones first, as a retry after a deadlock must:
     * writers that lost a race for the same new series would otherwise all share-lock the winner's rows on insert
     * and deadlock again upgrading those locks in the locking read.
     */
    Map<SeriesKey, Long> readOrCreate(Connection c, int hostId, List<SeriesKey> keys, boolean readFirst)
            throws SQLException {
        // sorted by hash: concurrent writers insert and lock overlapping new series in the same order
        TreeMap<String, SeriesKey> byHash = new TreeMap<>();
        for (SeriesKey key : keys) {
            byHash.put(key.hash(), key);
        }
        Map<SeriesKey, Long> ids = new HashMap<>(byHash.size() * 2);
        if (readFirst) {
            ids.putAll(readIds(c, hostId, byHash, false));
            byHash.values().removeAll(ids.keySet());
            if (byHash.isEmpty()) {
                return ids;
            }
        }
        limits.prepare(c, hostId, byHash.size());
        int added = insert(c, hostId, byHash);
        limits.admitPrepared(hostId, added);
        // a locking read sees rows another writer committed after this transaction's snapshot
        ids.putAll(readIds(c, hostId, byHash, true));
        if (ids.size() != keys.size()) {
            throw new StorageException("series ids missing after insert for host " + hostId, null);
        }
        return ids;
    }

    /** Returns how many rows were added (the rest the host already had). */
    private int insert(Connection c, int hostId, Map<String, SeriesKey> byHash) throws SQLException {
        List<Map.Entry<String, SeriesKey>> entries = new ArrayList<>(byHash.entrySet());
        long now = clock.millis();
        int added = 0;
        for (int from = 0; from < entries.size(); from += CHUNK) {
            List<Map.Entry<String, SeriesKey>> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
            try (PreparedStatement insert = c.prepareStatement(
                    SampleSql.rows(SampleSql.INSERT_SERIES_PREFIX, SampleSql.INSERT_SERIES_ROW, chunk.size(), ""))) {
                int p = 1;
                for (Map.Entry<String, SeriesKey> e : chunk) {
                    insert.setInt(p++, hostId);
                    insert.setString(p++, e.getValue().metric());
                    insert.setString(p++, e.getValue().labelsJson());
                    insert.setString(p++, e.getKey());
                    insert.setLong(p++, now);
                }
                added += insert.executeUpdate();
            }
        }
        return added;
    }

    private static Map<SeriesKey, Long> readIds(Connection c, int hostId, Map<String, SeriesKey> byHash, boolean locking)
            throws SQLException {
        List<String> hashes = new ArrayList<>(byHash.keySet());
        Map<SeriesKey, Long> ids = new HashMap<>(hashes.size() * 2);
        for (int from = 0; from < hashes.size(); from += CHUNK) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + CHUNK));
            try (PreparedStatement select = c.prepareStatement(SampleSql.rows(SampleSql.SELECT_SERIES_IDS_PREFIX, "?",
                    chunk.size(), locking ? ") FOR UPDATE" : ")"))) {
                int p = 1;
                select.setInt(p++, hostId);
                for (String hash : chunk) {
                    select.setString(p++, hash);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.put(byHash.get(rs.getString(2)), rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }
}
