package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns two readings of the server status into the mysql_* health samples: gauges from the current reading,
 * rates and the buffer pool hit ratio from the difference to the previous one. Pure, so tests feed it numbers.
 */
final class ServerHealth {

    private ServerHealth() {
    }

    /** @param previous the reading one interval earlier, or null on the first poll (then only gauges) */
    static List<Sample> samples(ServerStatus previous, ServerStatus current, long ts) {
        List<Sample> out = new ArrayList<>();
        Long connected = current.get(ServerStatus.THREADS_CONNECTED);
        if (connected != null && current.maxConnections() != null && current.maxConnections() > 0) {
            out.add(Sample.of("mysql_connections_used_percent", ts, 100.0 * connected / current.maxConnections()));
        }
        gauge(out, "mysql_threads_running", current.get(ServerStatus.THREADS_RUNNING), ts);
        gauge(out, "mysql_uptime_seconds", current.get(ServerStatus.UPTIME), ts);
        if (previous == null || restarted(previous, current)) {
            return out;
        }
        double seconds = (current.at() - previous.at()) / 1000.0;
        if (seconds <= 0) {
            return out;
        }
        rate(out, "mysql_slow_queries_per_second", previous, current, ServerStatus.SLOW_QUERIES, seconds, ts);
        rate(out, "mysql_aborted_connections_per_second", previous, current, ServerStatus.ABORTED_CONNECTS, seconds, ts);
        rate(out, "mysql_row_lock_waits_per_second", previous, current, ServerStatus.ROW_LOCK_WAITS, seconds, ts);
        Long reads = delta(previous, current, ServerStatus.POOL_READS);
        Long requests = delta(previous, current, ServerStatus.POOL_READ_REQUESTS);
        // an idle interval has no ratio; sending 1 or 0 would be an invention
        if (reads != null && requests != null && requests > 0) {
            out.add(Sample.of("mysql_buffer_pool_hit_ratio", ts, Math.max(0, 1.0 - (double) reads / requests)));
        }
        return out;
    }

    /** Counters start again from zero after a restart; the difference across it means nothing. */
    private static boolean restarted(ServerStatus previous, ServerStatus current) {
        Long before = previous.get(ServerStatus.UPTIME);
        Long now = current.get(ServerStatus.UPTIME);
        return before != null && now != null && now < before;
    }

    private static void gauge(List<Sample> out, String metric, Long value, long ts) {
        if (value != null) {
            out.add(Sample.of(metric, ts, value));
        }
    }

    private static void rate(List<Sample> out, String metric, ServerStatus previous, ServerStatus current, String name,
                             double seconds, long ts) {
        Long d = delta(previous, current, name);
        if (d != null) {
            out.add(Sample.of(metric, ts, d / seconds));
        }
    }

    private static Long delta(ServerStatus previous, ServerStatus current, String name) {
        Long a = previous.get(name);
        Long b = current.get(name);
        if (a == null || b == null || b < a) {
            return null; // FLUSH STATUS resets some counters without a restart
        }
        return b - a;
    }
}
