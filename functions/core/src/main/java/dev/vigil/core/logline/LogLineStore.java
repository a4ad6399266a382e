package dev.vigil.core.logline;

import dev.vigil.core.db.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The log_lines table. Writes keep each host to its cap (the oldest lines go first), so a flooding
 * host cannot fill the database before retention runs; reads answer the API and, in bulk, evaluation.
 */
@Singleton
public class LogLineStore {

    private static final String INSERT = "INSERT INTO log_lines (host_id, log_name, pattern, severity, ts, received_at, line)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    // the id of the newest line beyond the cap: everything at or below it goes (works on MySQL and H2 alike)
    private static final String CAP_EDGE = "SELECT id FROM log_lines WHERE host_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?";
    private static final String TRIM = "DELETE FROM log_lines WHERE host_id = ? AND id <= ?";
    private static final String EXPIRED = "SELECT id FROM log_lines WHERE received_at < ? ORDER BY id LIMIT ?";
    static final int DELETE_BATCH = 5_000;

    private final TransactionOperations<Connection> transactions;
    private final LogLinesProperties properties;

    public LogLineStore(TransactionOperations<Connection> transactions, LogLinesProperties properties) {
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Stores a host's lines whole (one transaction) and trims the host to its cap; @return lines dropped by the cap. */
    public int append(int hostId, List<LogLine> lines, long receivedAt) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            return Sql.call("storing log lines failed", () -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    for (LogLine l : lines) {
                        ps.setInt(1, hostId);
                        ps.setString(2, l.log());
                        ps.setString(3, l.pattern());
                        ps.setString(4, l.severity());
                        ps.setLong(5, l.ts());
                        ps.setLong(6, receivedAt);
                        ps.setString(7, l.line());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                Long edge = null;
                try (PreparedStatement ps = c.prepareStatement(CAP_EDGE)) {
                    ps.setInt(1, hostId);
                    ps.setInt(2, properties.getMaxPerHost());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            edge = rs.getLong(1);
                        }
                    }
                }
                if (edge == null) {
                    return 0;
                }
                try (PreparedStatement ps = c.prepareStatement(TRIM)) {
                    ps.setInt(1, hostId);
                    ps.setLong(2, edge);
                    return ps.executeUpdate();
                }
            });
        });
    }

    /** Newest first: a host's lines, optionally of one log and pattern, since a time. */
    public List<LogLine> read(String host, @Nullable String log, @Nullable String pattern, long since, int limit) {
        StringBuilder sql = new StringBuilder("SELECT h.name, l.log_name, l.pattern, l.severity, l.ts, l.line FROM log_lines l"
                + " JOIN hosts h ON h.id = l.host_id WHERE h.name = ? AND l.ts >= ?");
        List<Object> args = new ArrayList<>(List.of(host, since));
        if (log != null) {
            sql.append(" AND l.log_name = ?");
            args.add(log);
        }
        if (pattern != null) {
            sql.append(" AND l.pattern = ?");
            args.add(pattern);
        }
        sql.append(" ORDER BY l.ts DESC, l.id DESC LIMIT ?");
        args.add(limit);
        return transactions.executeRead(status -> {
            return Sql.call("reading log lines failed", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(sql.toString())) {
                    for (int i = 0; i < args.size(); i++) {
                        ps.setObject(i + 1, args.get(i));
                    }
                    return lines(ps);
                }
            });
        });
    }

    /**
     * The newest lines since a time for each (host, log, pattern) of the given hosts, at most
     * {@code perKey} each, in one query: evaluation reads them once per cycle for every log alert.
     *
     * @return keyed by {@link #key(String, String, String)}, newest first
     */
    public static Map<String, List<LogLine>> recentByKey(Connection c, List<Integer> hostIds, long since, int perKey)
            throws SQLException {
        Map<String, List<LogLine>> out = new HashMap<>();
        if (hostIds.isEmpty()) {
            return out;
        }
        String in = String.join(",", java.util.Collections.nCopies(hostIds.size(), "?"));
        String sql = "SELECT h.name, l.log_name, l.pattern, l.severity, l.ts, l.line FROM log_lines l JOIN hosts h ON h.id = l.host_id"
                + " WHERE l.host_id IN (" + in + ") AND l.ts >= ? ORDER BY l.ts DESC, l.id DESC";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Integer id : hostIds) {
                ps.setInt(i++, id);
            }
            ps.setLong(i, since);
            // the per-host cap bounds what this reads: at most maxPerHost rows per host
            for (LogLine l : lines(ps)) {
                List<LogLine> kept = out.computeIfAbsent(key(l.host(), l.log(), l.pattern()), k -> new ArrayList<>());
                if (kept.size() < perKey) {
                    kept.add(l);
                }
            }
        }
        return out;
    }

    public static String key(String host, String log, String pattern) {
        return host + '\u0000' + log + '\u0000' + pattern;
    }

    /** Deletes lines received before the cutoff, in batches; @return rows deleted. */
    public long deleteReceivedBefore(long cutoff) {
        long total = 0;
        while (true) {
            int deleted = transactions.executeWrite(status -> {
                Connection c = status.getConnection();
                return Sql.call("deleting old log lines failed", () -> {
                    List<Long> ids = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(EXPIRED)) {
                        ps.setLong(1, cutoff);
                        ps.setInt(2, DELETE_BATCH);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                ids.add(rs.getLong(1));
                            }
                        }
                    }
                    if (ids.isEmpty()) {
                        return 0;
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM log_lines WHERE id >= ? AND id <= ? AND received_at < ?")) {
                        ps.setLong(1, ids.get(0));
                        ps.setLong(2, ids.get(ids.size() - 1));
                        ps.setLong(3, cutoff);
                        return ps.executeUpdate();
                    }
                });
            });
            total += deleted;
            if (deleted < DELETE_BATCH) {
                return total;
            }
        }
    }

    private static List<LogLine> lines(PreparedStatement ps) throws SQLException {
        List<LogLine> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LogLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6)));
            }
        }
        return out;
    }
}
