package dev.vigil.ingest.format.prometheus;

import dev.vigil.common.PseudoFilesystems;
import dev.vigil.core.counter.CounterIncrease;
import dev.vigil.core.counter.CounterRates;
import dev.vigil.core.sample.SeriesKey;
import dev.vigil.ingest.format.CpuTimes;
import dev.vigil.ingest.format.SampleCollector;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps a scrape to the contract's names. node_exporter series that feed a contract metric are
 * consumed by it; every other series is kept under its own name and labels, counters as
 * {@code <name without _total>_per_second} rates. Choices: process_count comes from
 * node_processes_pids (the processes collector) and is absent without it, because node_procs_running
 * is a run-queue length, not a process count; loopback and pseudo filesystems are skipped.
 */
public final class NodeExporterMapper {

    static final String CPU_SECONDS = "node_cpu_seconds_total";
    private static final Set<String> CONSUMED = Set.of(
            CPU_SECONDS, "node_load1", "node_load5", "node_load15",
            "node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes",
            "node_memory_SwapTotal_bytes", "node_memory_SwapFree_bytes",
            "node_filesystem_avail_bytes", "node_filesystem_size_bytes", "node_filesystem_free_bytes",
            "node_filesystem_files", "node_filesystem_files_free",
            "node_network_receive_bytes_total", "node_network_transmit_bytes_total",
            "node_network_receive_errs_total", "node_network_transmit_errs_total",
            "node_network_receive_drop_total", "node_network_transmit_drop_total",
            "node_boot_time_seconds", "node_filefd_allocated", "node_filefd_maximum", "node_processes_pids");

    private final CounterRates rates;
    private final SampleCollector out;
    private final long now;
    private final Map<String, String> extraLabels;

    /** @param extraLabels added to kept (unmapped) series only, e.g. the Pushgateway job */
    public NodeExporterMapper(CounterRates rates, SampleCollector out, long now, Map<String, String> extraLabels) {
        this.rates = rates;
        this.out = out;
        this.now = now;
        this.extraLabels = extraLabels;
    }

    public void map(PromExposition scrape) {
        Map<String, PromSample> single = new HashMap<>();
        Map<String, Map<String, Double>> cpuSecondsByMode = new TreeMap<>();
        Set<String> cpus = new TreeSet<>();
        long cpuTs = 0;
        Map<String, Map<String, PromSample>> filesystems = new LinkedHashMap<>();
        for (PromSample s : scrape.samples()) {
            String name = s.name();
            if (!CONSUMED.contains(name)) {
                keep(scrape, s);
            } else if (name.equals(CPU_SECONDS)) {
                cpus.add(s.labels().getOrDefault("cpu", ""));
                cpuSecondsByMode.computeIfAbsent("all", k -> new TreeMap<>())
                        .merge(s.labels().getOrDefault("mode", ""), s.value(), Double::sum);
                cpuTs = Math.max(cpuTs, s.tsOr(now));
            } else if (name.startsWith("node_filesystem_")) {
                String fstype = s.labels().getOrDefault("fstype", "");
                if (!PseudoFilesystems.isPseudo(fstype)) {
                    filesystems.computeIfAbsent(s.labels().getOrDefault("mountpoint", "") + "\0" + fstype,
                            k -> new HashMap<>()).putIfAbsent(name, s);
                }
            } else if (name.startsWith("node_network_")) {
                network(s);
            } else {
                single.putIfAbsent(name, s);
            }
        }
        if (!cpus.isEmpty()) {
            out.add("cpu_count", Map.of(), cpuTs, cpus.size());
            cpu(cpuSecondsByMode.get("all"), cpuTs);
        }
        gauge(single, "node_load1", "load1");
        gauge(single, "node_load5", "load5");
        gauge(single, "node_load15", "load15");
        memory(single);
        filesystems.values().forEach(this::filesystem);
        PromSample boot = single.get("node_boot_time_seconds");
        if (boot != null) {
            long ts = boot.tsOr(now);
            out.add("uptime_seconds", Map.of(), ts, ts / 1000.0 - boot.value());
        }
        ratio(single, "node_filefd_allocated", "node_filefd_maximum", "open_files_percent");
        gauge(single, "node_processes_pids", "process_count");
    }

    private void keep(PromExposition scrape, PromSample s) {
        Map<String, String> labels = labels(s.labels());
        long ts = s.tsOr(now);
        if (!scrape.isRunningTotal(s.name())) {
            out.add(s.name(), labels, ts, s.value());
            return;
        }
        if (!Double.isFinite(s.value())) {
            out.drop();
            return;
        }
        String base = s.name().endsWith("_total") ? s.name().substring(0, s.name().length() - 6) : s.name();
        rates.advance(new SeriesKey(s.name(), labels), ts, s.value())
                .ifPresent(r -> out.add(base + "_per_second", labels, ts, r.perSecond()));
    }

    private Map<String, String> labels(Map<String, String> own) {
        if (extraLabels.isEmpty()) {
            return own;
        }
        Map<String, String> labels = new TreeMap<>(own);
        extraLabels.forEach(labels::putIfAbsent);
        return labels;
    }

    /** Whole-machine CPU from the per-mode sums over all cores, so one state row per mode is kept. */
    private void cpu(Map<String, Double> secondsByMode, long ts) {
        Map<String, Double> spent = new HashMap<>();
        for (Map.Entry<String, Double> mode : secondsByMode.entrySet()) {
            Optional<CounterIncrease> increase = rates.advance(
                    new SeriesKey(CPU_SECONDS + ":sum", Map.of("mode", mode.getKey())), ts, mode.getValue());
            increase.ifPresent(i -> spent.put(mode.getKey(), i.increase()));
        }
        if (spent.size() != secondsByMode.size()) {
            return; // first scrape, or a reset: no interval to measure
        }
        CpuTimes.fromStates(spent, "idle", "iowait").ifPresent(cpu -> {
            out.add("cpu_usage_percent", Map.of(), ts, cpu.usagePercent());
            out.add("cpu_iowait_percent", Map.of(), ts, cpu.iowaitPercent());
        });
    }

    private void memory(Map<String, PromSample> single) {
        PromSample total = single.get("node_memory_MemTotal_bytes");
        PromSample available = single.get("node_memory_MemAvailable_bytes");
        if (total != null) {
            out.add("memory_total_bytes", Map.of(), total.tsOr(now), total.value());
            if (available != null && total.value() > 0) {
                double used = total.value() - available.value();
                out.add("memory_used_bytes", Map.of(), total.tsOr(now), used);
                out.add("memory_used_percent", Map.of(), total.tsOr(now), 100.0 * used / total.value());
            }
        }
        PromSample swapTotal = single.get("node_memory_SwapTotal_bytes");
        PromSample swapFree = single.get("node_memory_SwapFree_bytes");
        // no swap configured: no swap_used_percent rather than a meaningless 0 of 0
        if (swapTotal != null && swapFree != null && swapTotal.value() > 0) {
            out.add("swap_used_percent", Map.of(), swapTotal.tsOr(now),
                    100.0 * (swapTotal.value() - swapFree.value()) / swapTotal.value());
        }
    }

    private void filesystem(Map<String, PromSample> fs) {
        PromSample any = fs.values().iterator().next();
        Map<String, String> labels = Map.of(
                "mount", any.labels().getOrDefault("mountpoint", ""),
                "fstype", any.labels().getOrDefault("fstype", ""));
        long ts = any.tsOr(now);
        PromSample avail = fs.get("node_filesystem_avail_bytes");
        PromSample size = fs.get("node_filesystem_size_bytes");
        PromSample free = fs.get("node_filesystem_free_bytes");
        if (avail != null) {
            out.add("disk_free_bytes", labels, ts, avail.value());
        }
        if (size != null) {
            out.add("disk_total_bytes", labels, ts, size.value());
        }
        if (avail != null && size != null && size.value() > 0) {
            // as df computes Use%: blocks reserved for root count neither as used nor as available
            double used = size.value() - (free != null ? free.value() : avail.value());
            double usable = used + avail.value();
            if (usable > 0) {
                out.add("disk_used_percent", labels, ts, 100.0 * used / usable);
            }
        }
        PromSample files = fs.get("node_filesystem_files");
        PromSample filesFree = fs.get("node_filesystem_files_free");
        if (files != null && filesFree != null && files.value() > 0) {
            out.add("inode_used_percent", labels, ts, 100.0 * (files.value() - filesFree.value()) / files.value());
        }
    }

    private void network(PromSample s) {
        String iface = s.labels().getOrDefault("device", "");
        if (iface.equals("lo")) {
            return;
        }
        if (!Double.isFinite(s.value())) {
            out.drop();
            return;
        }
        long ts = s.tsOr(now);
        Optional<CounterIncrease> rate = rates.advance(new SeriesKey(s.name(), s.labels()), ts, s.value());
        String metric = switch (s.name()) {
            case "node_network_receive_bytes_total" -> "net_rx_bytes_per_second";
            case "node_network_transmit_bytes_total" -> "net_tx_bytes_per_second";
            case "node_network_receive_errs_total", "node_network_transmit_errs_total" -> "net_errors_per_second";
            default -> "net_drops_per_second";
        };
        // errors and drops add receive and transmit; both lines of one scrape share one timestamp
        rate.ifPresent(r -> out.addOrSum(metric, Map.of("iface", iface), ts, r.perSecond()));
    }

    private void gauge(Map<String, PromSample> single, String source, String metric) {
        PromSample s = single.get(source);
        if (s != null) {
            out.add(metric, Map.of(), s.tsOr(now), s.value());
        }
    }

    private void ratio(Map<String, PromSample> single, String part, String whole, String metric) {
        PromSample p = single.get(part);
        PromSample w = single.get(whole);
        if (p != null && w != null && w.value() > 0) {
            out.add(metric, Map.of(), p.tsOr(now), 100.0 * p.value() / w.value());
        }
    }
}
