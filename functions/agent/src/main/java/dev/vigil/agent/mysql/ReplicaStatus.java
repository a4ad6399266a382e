package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What SHOW REPLICA STATUS (SHOW SLAVE STATUS before MySQL 8.0.22 / MariaDB 10.5.1) says about one replication
 * channel. The column names changed with the statement (Replica_IO_Running vs Slave_IO_Running,
 * Seconds_Behind_Source vs Seconds_Behind_Master); both spellings are read.
 *
 * @param lagSeconds null when the server does not know (the SQL thread is stopped)
 */
record ReplicaStatus(boolean ioRunning, boolean sqlRunning, Long lagSeconds) {

    /** @param row one result row, column name (any case) to its text, null for SQL NULL */
    static ReplicaStatus parse(Map<String, String> row) {
        Map<String, String> lower = new java.util.HashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        boolean io = "yes".equalsIgnoreCase(first(lower, "replica_io_running", "slave_io_running"));
        boolean sql = "yes".equalsIgnoreCase(first(lower, "replica_sql_running", "slave_sql_running"));
        String lag = first(lower, "seconds_behind_source", "seconds_behind_master");
        Long lagSeconds = null;
        if (lag != null && !lag.isBlank()) {
            try {
                lagSeconds = Long.parseLong(lag.trim());
            } catch (NumberFormatException ignored) {
                // unknown stays unknown
            }
        }
        return new ReplicaStatus(io, sql, lagSeconds);
    }

    private static String first(Map<String, String> row, String a, String b) {
        return row.containsKey(a) ? row.get(a) : row.get(b);
    }

    /**
     * The replication samples of all channels: running is 1 only when every channel runs both threads, lag is
     * the largest known. No rows (not a replica) means no samples, so replication rules never see a primary.
     */
    static List<Sample> samples(List<ReplicaStatus> channels, long ts) {
        List<Sample> out = new ArrayList<>();
        if (channels.isEmpty()) {
            return out;
        }
        boolean running = channels.stream().allMatch(c -> c.ioRunning() && c.sqlRunning());
        out.add(Sample.of("mysql_replication_running", ts, running ? 1 : 0));
        channels.stream().map(ReplicaStatus::lagSeconds).filter(java.util.Objects::nonNull).max(Long::compare)
                .ifPresent(lag -> out.add(Sample.of("mysql_replication_lag_seconds", ts, lag)));
        return out;
    }
}
