package dev.vigil.agent.probe;

import dev.vigil.agent.config.NameFilter;
import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Given a fed sequence of host readings, the collector emits the contract metrics and rates. */
class HostSampleCollectorTest {

    private static final long SECOND = 1_000_000_000L;

    private final Deque<HostReading> feed = new ArrayDeque<>();
    private final HostSampleCollector collector = new HostSampleCollector(feed::poll,
            NameFilter.excluding("/boot"), NameFilter.excluding("lo"));

    private static HostReading reading(long nanos, CpuTicks cpu, long ethRx, long ethErrors) {
        return new HostReading(nanos, cpu, 4, new double[]{0.5, 1.5, 2.5},
                8_000, 2_000, 1_000, 250,
                List.of(new FileStoreReading("/", "ext4", 1_000, 300, 200, 100, 10),
                        new FileStoreReading("/boot", "ext4", 100, 50, 50, 10, 5)),
                List.of(new NicReading("eth0", ethRx, 2 * ethRx, ethErrors, 0), new NicReading("lo", 5, 5, 0, 0)),
                120, 500, 1_000, 3_600);
    }

    @Test
    void firstReadingHasGaugesButNoRates() {
        feed.add(reading(0, new CpuTicks(100, 0, 100, 700, 100, 0, 0, 0), 1_000, 0));
        List<Sample> s = collector.collect(42);

        assertEquals(4, value(s, "cpu_count", Map.of()));
        assertEquals(1.5, value(s, "load5", Map.of()));
        assertEquals(75, value(s, "memory_used_percent", Map.of()));
        assertEquals(6_000, value(s, "memory_used_bytes", Map.of()));
        assertEquals(8_000, value(s, "memory_total_bytes", Map.of()));
        assertEquals(25, value(s, "swap_used_percent", Map.of()));
        Map<String, String> root = Map.of("mount", "/", "fstype", "ext4");
        assertEquals(100.0 * 700 / 900, value(s, "disk_used_percent", root), 1e-9, "df-style: used / (used + available)");
        assertEquals(200, value(s, "disk_free_bytes", root));
        assertEquals(1_000, value(s, "disk_total_bytes", root));
        assertEquals(90, value(s, "inode_used_percent", root));
        assertEquals(120, value(s, "process_count", Map.of()));
        assertEquals(50, value(s, "open_files_percent", Map.of()));
        assertEquals(3_600, value(s, "uptime_seconds", Map.of()));
        assertTrue(s.stream().noneMatch(x -> x.labels().getOrDefault("mount", "").equals("/boot")), "excluded mount");
        assertTrue(s.stream().noneMatch(x -> x.metric().startsWith("net_") || x.metric().startsWith("cpu_usage")
                || x.metric().equals("cpu_iowait_percent")), "no rates from a single reading");
        assertTrue(s.stream().allMatch(x -> x.ts() == 42));
    }

    @Test
    void secondReadingGivesCpuPercentagesAndNetworkRates() {
        feed.add(reading(0, new CpuTicks(100, 0, 100, 700, 100, 0, 0, 0), 1_000, 0));
        feed.add(reading(10 * SECOND, new CpuTicks(150, 0, 150, 800, 150, 0, 0, 0), 21_000, 30));
        collector.collect(1);
        List<Sample> s = collector.collect(2);

        // 300 ticks passed: 100 busy (user+system), 100 idle, 50 iowait... user+50, system+50, idle+100, iowait+50 = 250
        assertEquals(100.0 * 100 / 250, value(s, "cpu_usage_percent", Map.of()), 1e-9);
        assertEquals(100.0 * 50 / 250, value(s, "cpu_iowait_percent", Map.of()), 1e-9);
        Map<String, String> eth0 = Map.of("iface", "eth0");
        assertEquals(2_000, value(s, "net_rx_bytes_per_second", eth0), 1e-9);
        assertEquals(4_000, value(s, "net_tx_bytes_per_second", eth0), 1e-9);
        assertEquals(3, value(s, "net_errors_per_second", eth0), 1e-9);
        assertEquals(0, value(s, "net_drops_per_second", eth0), 1e-9);
        assertTrue(find(s, "net_rx_bytes_per_second", Map.of("iface", "lo")).isEmpty(), "lo skipped by default");
    }

    @Test
    void counterResetSkipsOneRateInsteadOfGoingNegative() {
        feed.add(reading(0, new CpuTicks(100, 0, 100, 700, 100, 0, 0, 0), 50_000, 0));
        feed.add(reading(SECOND, new CpuTicks(110, 0, 110, 720, 100, 0, 0, 0), 10, 0));
        collector.collect(1);
        List<Sample> s = collector.collect(2);
        assertTrue(find(s, "net_rx_bytes_per_second", Map.of("iface", "eth0")).isEmpty());
        assertEquals(50, value(s, "cpu_usage_percent", Map.of()), 1e-9);
    }

    @Test
    void baselineMakesTheFirstBatchCarryRates() {
        feed.add(reading(0, new CpuTicks(0, 0, 0, 100, 0, 0, 0, 0), 0, 0));
        feed.add(reading(SECOND, new CpuTicks(10, 0, 0, 190, 0, 0, 0, 0), 100, 0));
        collector.baseline();
        assertEquals(10, value(collector.collect(1), "cpu_usage_percent", Map.of()), 1e-9);
    }

    static double value(List<Sample> samples, String metric, Map<String, String> labels) {
        return find(samples, metric, labels).orElseThrow(() -> new AssertionError("no " + metric + labels + " in " + samples)).value();
    }

    static Optional<Sample> find(List<Sample> samples, String metric, Map<String, String> labels) {
        return samples.stream().filter(s -> s.metric().equals(metric) && s.labels().equals(labels)).findFirst();
    }
}
