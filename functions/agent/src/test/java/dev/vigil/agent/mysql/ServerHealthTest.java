package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Rates and the hit ratio come from two readings of the counters; gauges from the current one. */
class ServerHealthTest {

    private static ServerStatus reading(long at, long uptime, long slow, long aborted, long lockWaits, long poolReads,
                                        long poolRequests) {
        return new ServerStatus(at, Map.of("Threads_connected", 85L, "Threads_running", 3L, "Uptime", uptime,
                "Slow_queries", slow, "Aborted_connects", aborted, "Innodb_row_lock_waits", lockWaits,
                "Innodb_buffer_pool_reads", poolReads, "Innodb_buffer_pool_read_requests", poolRequests), 100L);
    }

    static double value(List<Sample> samples, String metric) {
        return samples.stream().filter(s -> s.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError(metric + " missing in " + samples)).value();
    }

    @Test
    void firstReadingHasGaugesOnly() {
        List<Sample> s = ServerHealth.samples(null, reading(0, 100, 0, 0, 0, 0, 0), 0);
        assertEquals(85.0, value(s, "mysql_connections_used_percent"));
        assertEquals(3.0, value(s, "mysql_threads_running"));
        assertEquals(100.0, value(s, "mysql_uptime_seconds"));
        assertTrue(s.stream().noneMatch(x -> x.metric().endsWith("_per_second") || x.metric().endsWith("_ratio")));
    }

    @Test
    void ratesAndHitRatioFromTheDifference() {
        ServerStatus a = reading(0, 100, 10, 4, 0, 1_000, 100_000);
        ServerStatus b = reading(15_000, 115, 40, 7, 150, 1_500, 200_000);
        List<Sample> s = ServerHealth.samples(a, b, 15_000);
        assertEquals(2.0, value(s, "mysql_slow_queries_per_second"), 1e-9);
        assertEquals(0.2, value(s, "mysql_aborted_connections_per_second"), 1e-9);
        assertEquals(10.0, value(s, "mysql_row_lock_waits_per_second"), 1e-9);
        assertEquals(0.995, value(s, "mysql_buffer_pool_hit_ratio"), 1e-9);
    }

    @Test
    void aRestartBetweenReadingsGivesNoRates() {
        ServerStatus a = reading(0, 5_000, 500, 4, 0, 1_000, 100_000);
        ServerStatus b = reading(15_000, 10, 1, 0, 0, 10, 100);
        List<Sample> s = ServerHealth.samples(a, b, 15_000);
        assertTrue(s.stream().noneMatch(x -> x.metric().endsWith("_per_second")), s.toString());
        assertEquals(10.0, value(s, "mysql_uptime_seconds"));
    }

    @Test
    void anIdlePoolHasNoRatio() {
        ServerStatus a = reading(0, 100, 0, 0, 0, 5, 1_000);
        ServerStatus b = reading(15_000, 115, 0, 0, 0, 5, 1_000);
        assertTrue(ServerHealth.samples(a, b, 15_000).stream().noneMatch(x -> x.metric().equals("mysql_buffer_pool_hit_ratio")));
    }

    @Test
    void unknownCountersAreLeftOut() {
        ServerStatus a = new ServerStatus(0, Map.of("Uptime", 1L), null);
        ServerStatus b = new ServerStatus(15_000, Map.of("Uptime", 16L), null);
        assertEquals(List.of(Sample.of("mysql_uptime_seconds", 15_000, 16)), ServerHealth.samples(a, b, 15_000));
    }
}
