package dev.vigil.core.sample;

import dev.vigil.core.db.Sql;
import dev.vigil.core.db.StorageException;
import io.micronaut.data.connection.ConnectionOperations;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps (host, metric, labels) to the compact series id. Ids never change once assigned, so they are
 * cached in memory; misses are created with INSERT IGNORE and read back, which is safe when several
 * writers (or Lambda containers) meet the same new series at once. New series must pass the
 * host's {@link SeriesLimits}.
 */
@Singleton
public class SeriesDictionary {

    /** Bounds the cache; past it the cache starts over (ids are cheap to read back). */
    static final int MAX_CACHED = 500_000;
    private static final int CHUNK = 500;

    private record CacheKey(int hostId, SeriesKey key) {
    }

    private final Map<CacheKey, Long> cache = new ConcurrentHashMap<>();
    private final Map<Integer, Object> hostLocks = new ConcurrentHashMap<>();
    private final ConnectionOperations<Connection> connections;
    private final SeriesLimits limits;
    private final Clock clock;

    public SeriesDictionary(ConnectionOperations<Connection> connections, SeriesLimits limits, Clock clock) {
        this.connections = connections;
        this.limits = limits;
        this.clock = clock;
    }

    public Map<SeriesKey, Long> resolve(int hostId, Collection<SeriesKey> keys) {
        Map<SeriesKey, Long> ids = new HashMap<>(keys.size() * 2);
        List<SeriesKey> missing = new ArrayList<>();
        for (SeriesKey key : keys) {
            Long id = cache.get(new CacheKey(hostId, key));
            if (id != null) {
                ids.put(key, id);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            Map<SeriesKey, Long> resolved = connections.executeWrite(status -> {
                return Sql.call("could not resolve series ids", () -> {
                    return readOrCreate(status.getConnection(), hostId, missing);
                });
            });
            if (cache.size() + resolved.size() > MAX_CACHED) {
                cache.clear();
            }
            resolved.forEach((key, id) -> cache.put(new CacheKey(hostId, key), id));
            ids.putAll(resolved);
        }
        return ids;
    }

    /**
     * Known series (a cold cache) are only read. Series that are really new pass the host's limits
     * first; admission and creation are serialised per host in this process so two concurrent
     * batches cannot both slip under a limit (across processes a limit may be overshot by one batch).
     */
    private Map<SeriesKey, Long> readOrCreate(Connection c, int hostId, List<SeriesKey> keys) throws SQLException {
        Map<String, SeriesKey> byHash = new HashMap<>(keys.size() * 2);
        for (SeriesKey key : keys) {
            byHash.put(key.hash(), key);
        }
        Map<SeriesKey, Long> ids = readIds(c, hostId, byHash);
        if (ids.size() < byHash.size()) {
            Map<String, SeriesKey> fresh = new HashMap<>(byHash);
            fresh.values().removeAll(ids.keySet());
            synchronized (hostLocks.computeIfAbsent(hostId, id -> new Object())) {
                limits.admit(c, hostId, fresh.size());
                insert(c, hostId, fresh);
            }
            ids.putAll(readIds(c, hostId, fresh));
        }
        if (ids.size() != byHash.size()) {
            throw new StorageException("series ids missing after insert for host " + hostId, null);
        }
        return ids;
    }

    private void insert(Connection c, int hostId, Map<String, SeriesKey> byHash) throws SQLException {
        List<Map.Entry<String, SeriesKey>> entries = new ArrayList<>(byHash.entrySet());
        long now = clock.millis();
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
                insert.executeUpdate();
            }
        }
    }

    private static Map<SeriesKey, Long> readIds(Connection c, int hostId, Map<String, SeriesKey> byHash) throws SQLException {
        List<String> hashes = new ArrayList<>(byHash.keySet());
        Map<SeriesKey, Long> ids = new HashMap<>(hashes.size() * 2);
        for (int from = 0; from < hashes.size(); from += CHUNK) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + CHUNK));
            try (PreparedStatement select = c.prepareStatement(
                    SampleSql.rows(SampleSql.SELECT_SERIES_IDS_PREFIX, "?", chunk.size(), ")"))) {
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
