package dev.vigil.agent.probe;

import dev.vigil.agent.config.NameFilter;
import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns host readings into contract metrics. Gauges come from each reading; CPU percentages and network rates
 * come from the difference to the previous reading, so they appear from the second reading on.
 */
public final class HostSampleCollector implements SampleSource {

    private final HostProbe probe;
    private final NameFilter mounts;
    private final NameFilter ifaces;
    private HostReading previous;

    public HostSampleCollector(HostProbe probe, NameFilter mounts, NameFilter ifaces) {
        this.probe = probe;
        this.mounts = mounts;
        this.ifaces = ifaces;
    }

    /** Takes a reading only to have something to compute the first rates against. */
    public synchronized void baseline() {
        previous = probe.read();
    }

    @Override
    public synchronized List<Sample> collect(long ts) {
        HostReading now = probe.read();
        List<Sample> out = new ArrayList<>(48);
        gauges(now, ts, out);
        if (previous != null) {
            rates(previous, now, ts, out);
        }
        previous = now;
        return out;
    }

    private void gauges(HostReading r, long ts, List<Sample> out) {
        out.add(Sample.of("cpu_count", ts, r.cpuCount()));
        String[] loadNames = {"load1", "load5", "load15"};
        for (int i = 0; i < loadNames.length && i < r.load().length; i++) {
            if (r.load()[i] >= 0) {
                out.add(Sample.of(loadNames[i], ts, r.load()[i]));
            }
        }
        if (r.memoryTotalBytes() > 0) {
            long used = r.memoryTotalBytes() - r.memoryAvailableBytes();
            out.add(Sample.of("memory_total_bytes", ts, r.memoryTotalBytes()));
            out.add(Sample.of("memory_used_bytes", ts, used));
            out.add(Sample.of("memory_used_percent", ts, percent(used, r.memoryTotalBytes())));
        }
        out.add(Sample.of("swap_used_percent", ts, r.swapTotalBytes() > 0 ? percent(r.swapUsedBytes(), r.swapTotalBytes()) : 0));
        for (FileStoreReading fs : r.fileStores()) {
            if (!mounts.accepts(fs.mount()) || fs.totalBytes() <= 0) {
                continue;
            }
            Map<String, String> labels = Map.of("mount", fs.mount(), "fstype", fs.fstype());
            out.add(Sample.of("disk_used_percent", labels, ts, fs.usedPercent()));
            out.add(Sample.of("disk_free_bytes", labels, ts, fs.usableBytes()));
            out.add(Sample.of("disk_total_bytes", labels, ts, fs.totalBytes()));
            if (fs.totalInodes() > 0) {
                out.add(Sample.of("inode_used_percent", labels, ts, percent(fs.totalInodes() - fs.freeInodes(), fs.totalInodes())));
            }
        }
        out.add(Sample.of("process_count", ts, r.processCount()));
        if (r.maxOpenFiles() > 0) {
            out.add(Sample.of("open_files_percent", ts, percent(r.openFiles(), r.maxOpenFiles())));
        }
        out.add(Sample.of("uptime_seconds", ts, r.uptimeSeconds()));
    }

    private void rates(HostReading before, HostReading now, long ts, List<Sample> out) {
        long dTotal = now.cpu().total() - before.cpu().total();
        if (dTotal > 0) {
            long dIdle = now.cpu().idle() - before.cpu().idle();
            long dIowait = now.cpu().iowait() - before.cpu().iowait();
            out.add(Sample.of("cpu_usage_percent", ts, clamp(100.0 * (dTotal - dIdle - dIowait) / dTotal)));
            out.add(Sample.of("cpu_iowait_percent", ts, clamp(100.0 * dIowait / dTotal)));
        }
        double seconds = (now.monotonicNanos() - before.monotonicNanos()) / 1e9;
        if (seconds <= 0) {
            return;
        }
        Map<String, NicReading> earlier = new HashMap<>();
        before.nics().forEach(n -> earlier.put(n.name(), n));
        for (NicReading nic : now.nics()) {
            NicReading was = earlier.get(nic.name());
            if (was == null || !ifaces.accepts(nic.name())) {
                continue;
            }
            Map<String, String> labels = Map.of("iface", nic.name());
            rate("net_rx_bytes_per_second", labels, was.rxBytes(), nic.rxBytes(), seconds, ts, out);
            rate("net_tx_bytes_per_second", labels, was.txBytes(), nic.txBytes(), seconds, ts, out);
            rate("net_errors_per_second", labels, was.errors(), nic.errors(), seconds, ts, out);
            rate("net_drops_per_second", labels, was.drops(), nic.drops(), seconds, ts, out);
        }
    }

    private static void rate(String metric, Map<String, String> labels, long before, long now, double seconds,
                             long ts, List<Sample> out) {
        if (now >= before) { // a smaller value means the counter was reset (driver reload); skip one round
            out.add(Sample.of(metric, labels, ts, (now - before) / seconds));
        }
    }

    private static double percent(long part, long whole) {
        return whole <= 0 ? 0 : clamp(100.0 * part / whole);
    }

    private static double clamp(double pct) {
        return Math.max(0, Math.min(100, pct));
    }
}
