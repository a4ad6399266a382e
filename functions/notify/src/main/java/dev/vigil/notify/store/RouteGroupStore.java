package dev.vigil.notify.store;

import dev.vigil.core.db.Sql;
import dev.vigil.core.rules.Severity;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** {@code notify_route_group}: when each aggregation group (route, group labels) last sent new firing alerts. */
@Singleton
public class RouteGroupStore {

    /** The group's last message of new firing alerts and the highest severity in it. */
    public record LastFlush(long notifiedAt, Severity severity) {
    }

    private static final String UPSERT = "INSERT INTO notify_route_group (key_hash, group_key, notified_at, severity) VALUES (?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE notified_at = VALUES(notified_at), severity = VALUES(severity)";
    private static final int MAX_GROUP_KEY = 1000;

    /** Last flushes of these group keys (absent: never flushed). */
    public Map<String, LastFlush> find(Connection c, Collection<String> groupKeys) {
        Map<String, String> byHash = new HashMap<>();
        groupKeys.forEach(k -> byHash.put(hash(k), k));
        List<String> hashes = List.copyOf(byHash.keySet());
        Map<String, LastFlush> out = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += Sql.MAX_IN) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + Sql.MAX_IN));
            Sql.query(c, "SELECT key_hash, notified_at, severity FROM notify_route_group WHERE key_hash IN ("
                            + Sql.placeholders(chunk.size()) + ")",
                    rs -> out.put(byHash.get(rs.getString(1)), new LastFlush(rs.getLong(2), Severity.fromWire(rs.getString(3)))),
                    chunk.toArray());
        }
        return out;
    }

    public void flushed(Connection c, String groupKey, long at, Severity highest) {
        String stored = groupKey.length() > MAX_GROUP_KEY ? groupKey.substring(0, MAX_GROUP_KEY) : groupKey;
        Sql.update(c, UPSERT, hash(groupKey), stored, at, highest.wire());
    }

    static String hash(String groupKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
