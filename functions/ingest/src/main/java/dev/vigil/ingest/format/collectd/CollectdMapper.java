package dev.vigil.ingest.format.collectd;

import dev.vigil.core.counter.CounterRates;
import dev.vigil.core.sample.SeriesKey;
import dev.vigil.ingest.format.CpuTimes;
import dev.vigil.ingest.format.MetricNames;
import dev.vigil.ingest.format.SampleCollector;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps collectd's cpu, memory, df, load, interface and swap plugins (and uptime, processes) to the
 * contract's names; other value lists are kept as {@code collectd_<plugin>_<type>[_<type_instance>][_<dsname>]}
 * with the plugin instance as label {@code instance}. derive/counter values become per-second rates
 * from the stored previous reading (StoreRates false); with StoreRates true they arrive as gauges
 * that are already rates and are used as they are.
 */
public final class CollectdMapper {

    /** Mounts df reports by default that are memory or kernel filesystems, not disks (collectd sends no fstype). */
    private static final Set<String> PSEUDO_MOUNT_PREFIXES = Set.of("dev", "run", "sys", "proc");

    /** A value after rate conversion: what collectd measured, in units per second for running totals. */
    private record Reading(CollectdValueList list, String dsname, double value) {
    }

    private final CounterRates rates;
    private final SampleCollector out;
    private final Map<String, Double> cpuLatest = new TreeMap<>();
    private final Map<String, Long> cpuLatestTs = new HashMap<>();
    private final Set<String> cpus = new TreeSet<>();
    private long cpuTs;

    public CollectdMapper(CounterRates rates, SampleCollector out) {
        this.rates = rates;
        this.out = out;
    }

    public void map(List<CollectdValueList> lists) {
        Map<String, Map<String, Reading>> groups = new LinkedHashMap<>();
        for (CollectdValueList list : lists) {
            for (int i = 0; i < list.values().size(); i++) {
                Reading r = reading(list, i);
                if (r == null) {
                    continue;
                }
                switch (list.plugin()) {
                    case "cpu" -> cpu(r);
                    case "memory", "swap", "df" -> groups.computeIfAbsent(
                                    list.plugin() + "\0" + list.pluginInstance() + "\0" + list.type() + "\0" + list.timeMs(),
                                    k -> new HashMap<>())
                            .put(list.typeInstance(), r);
                    case "load" -> load(r);
                    case "interface" -> network(r);
                    default -> keep(r);
                }
            }
        }
        cpuTotals();
        groups.values().forEach(this::group);
    }

    /** Null when the value is NaN (dropped and counted) or a running total with no previous reading. */
    private Reading reading(CollectdValueList list, int i) {
        Double value = list.values().get(i);
        String dsname = list.dsnames().get(i);
        if (value == null || !Double.isFinite(value)) {
            out.drop();
            return null;
        }
        if (!list.isRunningTotal(i)) {
            return new Reading(list, dsname, value);
        }
        SeriesKey counter = new SeriesKey("collectd:" + list.plugin(), Map.of("plugin_instance", list.pluginInstance(),
                "type", list.type(), "type_instance", list.typeInstance(), "dsname", dsname));
        return rates.advance(counter, list.timeMs(), value).map(r -> new Reading(list, dsname, r.perSecond())).orElse(null);
    }

    /** The newest per-second jiffies (or percent) of each cpu and state, summed over cpus per state. */
    private void cpu(Reading r) {
        CollectdValueList list = r.list();
        if (!list.type().equals("cpu") && !list.type().equals("percent")) {
            keep(r);
            return;
        }
        if (!list.pluginInstance().isEmpty()) {
            cpus.add(list.pluginInstance());
        }
        String key = list.pluginInstance() + "\0" + list.typeInstance();
        if (list.timeMs() >= cpuLatestTs.getOrDefault(key, Long.MIN_VALUE)) {
            cpuLatestTs.put(key, list.timeMs());
            cpuLatest.put(key, r.value());
        }
        cpuTs = Math.max(cpuTs, list.timeMs());
    }

    private void cpuTotals() {
        if (cpuLatest.isEmpty()) {
            return;
        }
        if (!cpus.isEmpty()) {
            out.add("cpu_count", Map.of(), cpuTs, cpus.size());
        }
        Map<String, Double> byState = new HashMap<>();
        cpuLatest.forEach((key, value) -> byState.merge(key.substring(key.indexOf('\0') + 1), value, Double::sum));
        CpuTimes.fromStates(byState, "idle", "wait").ifPresent(cpu -> {
            out.add("cpu_usage_percent", Map.of(), cpuTs, cpu.usagePercent());
            out.add("cpu_iowait_percent", Map.of(), cpuTs, cpu.iowaitPercent());
        });
    }

    private void group(Map<String, Reading> byInstance) {
        CollectdValueList any = byInstance.values().iterator().next().list();
        long ts = any.timeMs();
        switch (any.plugin() + "/" + any.type()) {
            case "memory/memory" -> memory(byInstance, ts);
            case "swap/swap" -> {
                double total = sum(byInstance, "used", "free", "cached");
                if (byInstance.containsKey("used") && total > 0) {
                    out.add("swap_used_percent", Map.of(), ts, 100.0 * byInstance.get("used").value() / total);
                }
            }
            case "df/df_complex" -> disk(byInstance, ts, any.pluginInstance());
            case "df/df_inodes" -> {
                Map<String, String> labels = Map.of("mount", mount(any.pluginInstance()));
                double total = sum(byInstance, "used", "free", "reserved");
                if (!isPseudoMount(any.pluginInstance()) && byInstance.containsKey("used") && total > 0) {
                    out.add("inode_used_percent", labels, ts, 100.0 * byInstance.get("used").value() / total);
                }
            }
            default -> byInstance.values().forEach(this::keep);
        }
    }

    private void memory(Map<String, Reading> byInstance, long ts) {
        double total = 0;
        for (Reading r : byInstance.values()) {
            total += r.value();
        }
        if (!byInstance.containsKey("used") || !byInstance.containsKey("free") || total <= 0) {
            return; // a value list split across two posts: wait for a whole one
        }
        // collectd's "used" leaves out unreclaimable slab; adding it gives total minus available, as for node_exporter
        double used = byInstance.get("used").value() + sum(byInstance, "slab_unrecl");
        out.add("memory_total_bytes", Map.of(), ts, total);
        out.add("memory_used_bytes", Map.of(), ts, used);
        out.add("memory_used_percent", Map.of(), ts, 100.0 * used / total);
    }

    private void disk(Map<String, Reading> byInstance, long ts, String instance) {
        if (isPseudoMount(instance)) {
            return;
        }
        Map<String, String> labels = Map.of("mount", mount(instance));
        if (byInstance.containsKey("free")) {
            out.add("disk_free_bytes", labels, ts, byInstance.get("free").value());
        }
        if (byInstance.containsKey("free") && byInstance.containsKey("used")) {
            out.add("disk_total_bytes", labels, ts, sum(byInstance, "free", "used", "reserved"));
            // df's Use%: reserved blocks count neither as used nor as available
            double usable = sum(byInstance, "free", "used");
            if (usable > 0) {
                out.add("disk_used_percent", labels, ts, 100.0 * byInstance.get("used").value() / usable);
            }
        }
    }

    private void load(Reading r) {
        String metric = switch (r.dsname()) {
            case "shortterm" -> "load1";
            case "midterm" -> "load5";
            case "longterm" -> "load15";
            default -> null;
        };
        if (metric == null || !r.list().type().equals("load")) {
            keep(r);
        } else {
            out.add(metric, Map.of(), r.list().timeMs(), r.value());
        }
    }

    private void network(Reading r) {
        CollectdValueList list = r.list();
        if (list.pluginInstance().equals("lo")) {
            return;
        }
        Map<String, String> labels = Map.of("iface", list.pluginInstance());
        boolean rx = r.dsname().equals("rx");
        switch (list.type()) {
            case "if_octets" -> out.add(rx ? "net_rx_bytes_per_second" : "net_tx_bytes_per_second", labels, list.timeMs(), r.value());
            case "if_errors" -> out.addOrSum("net_errors_per_second", labels, list.timeMs(), r.value());
            case "if_dropped" -> out.addOrSum("net_drops_per_second", labels, list.timeMs(), r.value());
            default -> keep(r);
        }
    }

    private void keep(Reading r) {
        CollectdValueList list = r.list();
        if (list.plugin().equals("uptime") && list.type().equals("uptime")) {
            out.add("uptime_seconds", Map.of(), list.timeMs(), r.value());
            return;
        }
        String name = MetricNames.metric(MetricNames.join("collectd", list.plugin(), list.type(), list.typeInstance(),
                r.dsname().equals("value") ? "" : r.dsname()));
        int index = list.dsnames().indexOf(r.dsname());
        if (index >= 0 && list.isRunningTotal(index)) {
            name = name + "_per_second";
        }
        Map<String, String> labels = list.pluginInstance().isEmpty() ? Map.of() : Map.of("instance", list.pluginInstance());
        out.add(name, labels, list.timeMs(), r.value());
    }

    static String mount(String instance) {
        return instance.equals("root") ? "/" : "/" + instance.replace('-', '/');
    }

    private static boolean isPseudoMount(String instance) {
        String first = instance.split("-", 2)[0];
        return PSEUDO_MOUNT_PREFIXES.contains(first);
    }

    private static double sum(Map<String, Reading> byInstance, String... instances) {
        double total = 0;
        for (String instance : instances) {
            Reading r = byInstance.get(instance);
            total += r == null ? 0 : r.value();
        }
        return total;
    }
}
