package dev.vigil.ingest.format.influx;

import dev.vigil.common.PseudoFilesystems;
import dev.vigil.core.counter.CounterRates;
import dev.vigil.core.sample.SeriesKey;
import dev.vigil.ingest.format.MetricNames;
import dev.vigil.ingest.format.SampleCollector;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps Telegraf's cpu, mem, swap, disk, diskio, net, system (and processes) inputs to the contract's
 * names; every other field is kept as {@code <measurement>_<field>} with the tags (except host) as
 * labels. Telegraf already reports cpu as percentages; net and diskio are running totals and
 * become per-second rates. Booleans are 1/0; string fields cannot be stored and are counted as dropped.
 */
public final class TelegrafMapper {

    private static final Set<String> DISKIO_TOTALS = Set.of("reads", "writes", "read_bytes", "write_bytes",
            "read_time", "write_time", "io_time", "weighted_io_time", "merged_reads", "merged_writes");

    private final CounterRates rates;
    private final SampleCollector out;
    private final Set<String> cpus = new HashSet<>();
    private long cpuTs;
    private boolean cpuCountReported;

    public TelegrafMapper(CounterRates rates, SampleCollector out) {
        this.rates = rates;
        this.out = out;
    }

    /** One point; {@code ts} is already in epoch ms and {@code tags} no longer hold host. */
    public void map(InfluxPoint point, Map<String, String> tags, long ts) {
        Map<String, Double> fields = numbers(point.fields());
        Set<String> used = switch (point.measurement()) {
            case "cpu" -> cpu(tags, fields, ts);
            case "mem" -> mem(fields, ts);
            case "swap" -> gauge(fields, "used_percent", "swap_used_percent", Map.of(), ts);
            case "disk" -> disk(tags, fields, ts);
            case "diskio" -> diskio(tags, fields, ts);
            case "net" -> net(tags, fields, ts);
            case "system" -> system(fields, ts);
            case "processes" -> gauge(fields, "total", "process_count", Map.of(), ts);
            default -> Set.of();
        };
        if (used == null) {
            return; // the whole point is deliberately skipped (pseudo filesystem, loopback)
        }
        Map<String, String> labels = labels(tags);
        for (Map.Entry<String, Double> field : fields.entrySet()) {
            if (!used.contains(field.getKey())) {
                out.add(MetricNames.metric(point.measurement() + "_" + field.getKey()), labels, ts, field.getValue());
            }
        }
    }

    /** Called after the last point: per-cpu lines give a core count when system's n_cpus was absent. */
    public void finish() {
        if (!cpuCountReported && !cpus.isEmpty()) {
            out.add("cpu_count", Map.of(), cpuTs, cpus.size());
        }
    }

    private Set<String> cpu(Map<String, String> tags, Map<String, Double> fields, long ts) {
        String cpu = tags.getOrDefault("cpu", "");
        if (!cpu.equals("cpu-total")) {
            if (!cpu.isEmpty()) {
                cpus.add(cpu);
                cpuTs = Math.max(cpuTs, ts);
            }
            return Set.of();
        }
        Double idle = fields.get("usage_idle");
        double iowait = fields.getOrDefault("usage_iowait", 0.0);
        if (idle != null) {
            out.add("cpu_usage_percent", Map.of(), ts, Math.max(0, 100.0 - idle - iowait));
        }
        if (fields.containsKey("usage_iowait")) {
            out.add("cpu_iowait_percent", Map.of(), ts, iowait);
        }
        return Set.of();
    }

    private Set<String> mem(Map<String, Double> fields, long ts) {
        Double total = fields.get("total");
        Double available = fields.get("available");
        if (total != null) {
            out.add("memory_total_bytes", Map.of(), ts, total);
        }
        // total - available, as node_exporter is mapped: page cache that can be reclaimed is not "used"
        if (total != null && available != null && total > 0) {
            out.add("memory_used_bytes", Map.of(), ts, total - available);
            out.add("memory_used_percent", Map.of(), ts, 100.0 * (total - available) / total);
        } else {
            gauge(fields, "used", "memory_used_bytes", Map.of(), ts);
            gauge(fields, "used_percent", "memory_used_percent", Map.of(), ts);
        }
        return Set.of("total", "used", "used_percent");
    }

    private Set<String> disk(Map<String, String> tags, Map<String, Double> fields, long ts) {
        if (PseudoFilesystems.isPseudo(tags.get("fstype"))) {
            return null;
        }
        Map<String, String> labels = new TreeMap<>();
        labels.put("mount", tags.getOrDefault("path", ""));
        if (tags.containsKey("fstype")) {
            labels.put("fstype", tags.get("fstype"));
        }
        gauge(fields, "free", "disk_free_bytes", labels, ts);
        gauge(fields, "total", "disk_total_bytes", labels, ts);
        gauge(fields, "used_percent", "disk_used_percent", labels, ts);
        Double inodes = fields.get("inodes_total");
        Double inodesUsed = fields.get("inodes_used");
        if (inodes != null && inodesUsed != null && inodes > 0) {
            out.add("inode_used_percent", labels, ts, 100.0 * inodesUsed / inodes);
        }
        return Set.of("free", "total", "used_percent", "inodes_used", "inodes_total");
    }

    private Set<String> diskio(Map<String, String> tags, Map<String, Double> fields, long ts) {
        Map<String, String> labels = labels(tags);
        for (Map.Entry<String, Double> field : fields.entrySet()) {
            if (DISKIO_TOTALS.contains(field.getKey())) {
                rate("diskio_" + field.getKey(), labels, ts, field.getValue(), "diskio_" + field.getKey() + "_per_second", labels, false);
            }
        }
        return DISKIO_TOTALS;
    }

    private Set<String> net(Map<String, String> tags, Map<String, Double> fields, long ts) {
        String iface = tags.get("interface");
        if (iface == null || iface.equals("all")) {
            return Set.of(); // interface=all carries protocol counters (icmp_*, tcp_*): kept as they are
        }
        if (iface.equals("lo")) {
            return null;
        }
        Map<String, String> labels = Map.of("iface", iface);
        Map<String, String> state = Map.of("interface", iface);
        Map<String, String> contract = Map.of(
                "bytes_recv", "net_rx_bytes_per_second", "bytes_sent", "net_tx_bytes_per_second",
                "err_in", "net_errors_per_second", "err_out", "net_errors_per_second",
                "drop_in", "net_drops_per_second", "drop_out", "net_drops_per_second");
        for (Map.Entry<String, Double> field : fields.entrySet()) {
            String metric = contract.getOrDefault(field.getKey(), "net_" + field.getKey() + "_per_second");
            rate("net_" + field.getKey(), state, ts, field.getValue(), metric, labels, true);
        }
        return fields.keySet();
    }

    private Set<String> system(Map<String, Double> fields, long ts) {
        gauge(fields, "load1", "load1", Map.of(), ts);
        gauge(fields, "load5", "load5", Map.of(), ts);
        gauge(fields, "load15", "load15", Map.of(), ts);
        gauge(fields, "uptime", "uptime_seconds", Map.of(), ts);
        if (fields.containsKey("n_cpus")) {
            gauge(fields, "n_cpus", "cpu_count", Map.of(), ts);
            cpuCountReported = true;
        }
        return Set.of("load1", "load5", "load15", "uptime", "n_cpus");
    }

    private Set<String> gauge(Map<String, Double> fields, String field, String metric, Map<String, String> labels, long ts) {
        Double value = fields.get(field);
        if (value != null) {
            out.add(metric, labels, ts, value);
        }
        return Set.of(field);
    }

    private void rate(String counter, Map<String, String> counterLabels, long ts, double total,
                      String metric, Map<String, String> labels, boolean sum) {
        rates.advance(new SeriesKey("telegraf:" + counter, counterLabels), ts, total).ifPresent(r -> {
            if (sum) {
                out.addOrSum(metric, labels, ts, r.perSecond());
            } else {
                out.add(metric, labels, ts, r.perSecond());
            }
        });
    }

    private Map<String, Double> numbers(Map<String, Object> fields) {
        Map<String, Double> numbers = new HashMap<>();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            Object v = field.getValue();
            if (v instanceof Double d) {
                numbers.put(field.getKey(), d);
            } else if (v instanceof Long l) {
                numbers.put(field.getKey(), l.doubleValue());
            } else if (v instanceof Boolean b) {
                numbers.put(field.getKey(), b ? 1.0 : 0.0);
            } else {
                out.drop();
            }
        }
        return numbers;
    }

    private static Map<String, String> labels(Map<String, String> tags) {
        Map<String, String> labels = new TreeMap<>();
        tags.forEach((k, v) -> labels.put(MetricNames.label(k), v));
        return labels;
    }
}
