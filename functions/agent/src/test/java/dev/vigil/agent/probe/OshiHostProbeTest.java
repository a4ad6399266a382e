package dev.vigil.agent.probe;

import dev.vigil.agent.config.NameFilter;
import dev.vigil.agent.sample.Sample;
import dev.vigil.common.PseudoFilesystems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Reads this machine through OSHI. */
class OshiHostProbeTest {

    private static OshiHostProbe probe;

    @BeforeAll
    static void createProbe() {
        probe = new OshiHostProbe();
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void readingOfThisMachineIsPlausible() {
        HostReading r = probe.read();
        assertTrue(r.cpuCount() >= 1);
        assertTrue(r.cpu().total() > 0);
        assertTrue(r.memoryTotalBytes() > 0 && r.memoryAvailableBytes() <= r.memoryTotalBytes());
        assertTrue(r.processCount() > 1);
        assertTrue(r.uptimeSeconds() > 0);
        assertTrue(r.maxOpenFiles() > 0);
        assertFalse(r.fileStores().isEmpty(), "at least the root file system");
        for (FileStoreReading fs : r.fileStores()) {
            assertFalse(PseudoFilesystems.isPseudo(fs.fstype()), "pseudo file system reported: " + fs);
            assertTrue(fs.totalBytes() > 0 && fs.usableBytes() <= fs.totalBytes(), fs.toString());
        }
        assertTrue(r.nics().stream().anyMatch(n -> n.name().equals("lo")), "lo is read (and filtered later)");
    }

    @Test
    void collectorOverTheRealProbeGivesValuesInRangeAndRatesFromTheSecondReading() throws InterruptedException {
        HostSampleCollector collector = new HostSampleCollector(probe, NameFilter.all(), NameFilter.excluding("lo"));
        List<Sample> first = collector.collect(1);
        assertTrue(first.stream().noneMatch(s -> s.metric().equals("cpu_usage_percent")));
        assertTrue(first.stream().noneMatch(s -> s.metric().startsWith("net_")));
        Thread.sleep(1_100); // OSHI caches CPU ticks briefly; the agent reads them 15 s apart
        List<Sample> second = collector.collect(2);
        Set<String> names = second.stream().map(Sample::metric).collect(java.util.stream.Collectors.toSet());
        assertTrue(names.containsAll(Set.of("cpu_usage_percent", "cpu_iowait_percent", "cpu_count", "load1", "load5",
                "load15", "memory_used_percent", "memory_used_bytes", "memory_total_bytes", "swap_used_percent",
                "disk_used_percent", "disk_free_bytes", "disk_total_bytes", "process_count", "open_files_percent",
                "uptime_seconds")), names.toString());
        for (Sample s : second) {
            assertTrue(Double.isFinite(s.value()) && s.value() >= 0, s.toString());
            if (s.metric().endsWith("_percent")) {
                assertTrue(s.value() <= 100, s.toString());
            }
        }
        assertTrue(second.stream().filter(s -> s.metric().equals("disk_used_percent"))
                .anyMatch(s -> s.labels().get("mount").equals("/")));
        assertTrue(second.stream().noneMatch(s -> "lo".equals(s.labels().get("iface"))));
    }
}
