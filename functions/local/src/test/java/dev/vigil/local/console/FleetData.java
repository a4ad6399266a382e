package dev.vigil.local.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/** Builds sample batches for the console tests: a host's usual metrics over a stretch of time. */
final class FleetData {

    private FleetData() {
    }

    /** One series' points: value of each timestamp. */
    record Series(String metric, Map<String, String> labels, LongFunction<Double> value) {
    }

    /** The usual agent series of one host, shaped by {@code load} (0..1) so tiles and charts differ. */
    static List<Series> usualHost(double load, double diskPercent, double diskShrinkBytesPerMinute) {
        double diskTotal = 100e9;
        return List.of(
                new Series("cpu_usage_percent", Map.of(), t -> clamp(load * 70 + 10 * Math.sin(t / 300_000.0))),
                new Series("cpu_iowait_percent", Map.of(), t -> clamp(load * 8 + 2 * Math.cos(t / 200_000.0))),
                new Series("memory_used_percent", Map.of(), t -> clamp(35 + load * 40 + 3 * Math.sin(t / 900_000.0))),
                new Series("swap_used_percent", Map.of(), t -> clamp(load * 10)),
                new Series("load1", Map.of(), t -> Math.max(0, load * 4 + Math.sin(t / 240_000.0))),
                new Series("load5", Map.of(), t -> Math.max(0, load * 4 + 0.5 * Math.sin(t / 600_000.0))),
                new Series("load15", Map.of(), t -> load * 4),
                new Series("uptime_seconds", Map.of(), t -> 86_400.0 * 12),
                new Series("disk_used_percent", Map.of("mount", "/", "fstype", "ext4"), t -> diskPercent),
                new Series("disk_free_bytes", Map.of("mount", "/", "fstype", "ext4"),
                        t -> diskTotal * (100 - diskPercent) / 100 + diskShrinkBytesPerMinute * ((System.currentTimeMillis() - t) / 60_000.0)),
                new Series("net_rx_bytes_per_second", Map.of("iface", "eth0"), t -> 2e6 * load + 3e5 * (1 + Math.sin(t / 120_000.0))),
                new Series("net_tx_bytes_per_second", Map.of("iface", "eth0"), t -> 6e5 * load + 1e5 * (1 + Math.cos(t / 120_000.0))),
                new Series("check_ok", Map.of("check", "nginx"), t -> 1.0));
    }

    /** The JSON samples array of {@code series} every {@code stepMillis} over the last {@code spanMillis}. */
    static String samples(List<Series> series, long now, long spanMillis, long stepMillis) {
        List<String> out = new ArrayList<>();
        for (long t = now - spanMillis; t <= now; t += stepMillis) {
            for (Series s : series) {
                List<String> labels = new ArrayList<>();
                s.labels().forEach((k, v) -> labels.add(ConsoleApp.quote(k) + ":" + ConsoleApp.quote(v)));
                out.add(String.format(Locale.ROOT, "{\"metric\":%s,\"labels\":{%s},\"value\":%.4f,\"ts\":%d}",
                        ConsoleApp.quote(s.metric()), String.join(",", labels), s.value().apply(t), t));
            }
        }
        return "[" + String.join(",", out) + "]";
    }

    private static double clamp(double percent) {
        return Math.max(0, Math.min(100, percent));
    }
}
