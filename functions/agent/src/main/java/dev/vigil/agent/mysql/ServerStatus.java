package dev.vigil.agent.mysql;

import java.util.Map;

/**
 * One reading of the server's global status counters and gauges (SHOW GLOBAL STATUS) plus max_connections.
 * Counters only mean something as the difference between two readings; see {@link ServerHealth}.
 *
 * @param at     when it was read (epoch ms)
 * @param status Variable_name (as the server spells it, case kept) to its numeric value; names the server
 *               does not know (older versions, other engines) are simply absent
 */
public record ServerStatus(long at, Map<String, Long> status, Long maxConnections) {

    static final String THREADS_CONNECTED = "Threads_connected";
    static final String THREADS_RUNNING = "Threads_running";
    static final String UPTIME = "Uptime";
    static final String SLOW_QUERIES = "Slow_queries";
    static final String ABORTED_CONNECTS = "Aborted_connects";
    static final String ROW_LOCK_WAITS = "Innodb_row_lock_waits";
    static final String POOL_READS = "Innodb_buffer_pool_reads";
    static final String POOL_READ_REQUESTS = "Innodb_buffer_pool_read_requests";

    /** The status names the probe asks for; one SHOW GLOBAL STATUS with a WHERE list reads them all. */
    static final java.util.List<String> NAMES = java.util.List.of(THREADS_CONNECTED, THREADS_RUNNING, UPTIME,
            SLOW_QUERIES, ABORTED_CONNECTS, ROW_LOCK_WAITS, POOL_READS, POOL_READ_REQUESTS);

    public ServerStatus {
        status = Map.copyOf(status);
    }

    Long get(String name) {
        return status.get(name);
    }
}
