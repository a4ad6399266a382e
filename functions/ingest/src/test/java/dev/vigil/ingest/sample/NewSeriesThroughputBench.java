package dev.vigil.ingest.sample;

import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ingest of new series (a host's first scrape) against ingest of known series (its next scrape), same
 * batch shape, same run: each round registers fresh hosts, sends each one batch of 1,000 series it never
 * had, then the same series again 15 s later. JSON parse + store in process, per-host series limits at
 * their defaults. Run it with infra/bench/new-series-throughput.sh (not a unit test: no *Test suffix).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewSeriesThroughputBench implements TestPropertyProvider {

    static final int SAMPLES_PER_BATCH = 1_000;
    static final int ROUNDS = Integer.getInteger("bench.rounds", 8);
    static final int HOSTS_PER_ROUND = Integer.getInteger("bench.hosts", 10);
    static final int WARMUP_ROUNDS = 2;

    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchJsonParser parser;
    @Inject
    SampleIngestor ingestor;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new LinkedHashMap<>(TestDatabase.freshMysql());
        props.put("vigil.ingest.rate-limit.enabled", "false");
        props.put("bench.count-statements", "true");
        return props;
    }

    @Test
    void measure() throws IOException {
        long t0 = System.currentTimeMillis() - 3_600_000L;
        List<Double> newRates = new ArrayList<>();
        List<Double> knownRates = new ArrayList<>();
        StringBuilder report = new StringBuilder(String.format(
                "JSON parse + store, batches of %d samples = %d series (node_exporter-like), %d hosts per round, local MariaDB%n",
                SAMPLES_PER_BATCH, SAMPLES_PER_BATCH, HOSTS_PER_ROUND));
        long[] newWork = new long[2];
        long[] knownWork = new long[2];
        for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
            boolean timed = round >= WARMUP_ROUNDS;
            List<Host> fresh = new ArrayList<>();
            for (int h = 0; h < HOSTS_PER_ROUND; h++) {
                fresh.add(hosts.register("bench-new-" + round + "-" + h + "-" + System.nanoTime()).orElseThrow().host());
            }
            long ts = t0 + round * 60_000L;
            double newRate = phase(fresh, ts, timed ? newWork : null);
            double knownRate = phase(fresh, ts + 15_000L, timed ? knownWork : null);
            if (timed) {
                newRates.add(newRate);
                knownRates.add(knownRate);
                report.append(String.format("round %d: new %8.0f samples/s, known %8.0f samples/s, ratio %.2f%n",
                        round - WARMUP_ROUNDS + 1, newRate, knownRate, newRate / knownRate));
            }
        }
        double newRate = median(newRates);
        double knownRate = median(knownRates);
        long batches = (long) ROUNDS * HOSTS_PER_ROUND;
        report.append(String.format("new series:   %9.0f samples/s (median), %.1f statements and %.1f commits per batch%n",
                newRate, newWork[0] / (double) batches, newWork[1] / (double) batches));
        report.append(String.format("known series: %9.0f samples/s (median), %.1f statements and %.1f commits per batch%n",
                knownRate, knownWork[0] / (double) batches, knownWork[1] / (double) batches));
        report.append(String.format("ratio_new_over_known=%.2f%n", newRate / knownRate));
        report.append(String.format("FIGURE\tingest_new_vs_known_series\t%.0f\tsamples/s\t%.0f\t%.2f\t0.5%n",
                newRate, knownRate, newRate / knownRate));
        System.out.print(report);
        Files.writeString(Path.of("target", "new-series-throughput.txt"), report);
    }

    /** One batch per host, timed together; counts statements and commits into {@code work} when given. */
    private double phase(List<Host> targets, long ts, long[] work) {
        List<byte[]> bodies = new ArrayList<>();
        for (Host host : targets) {
            bodies.add(body(host.name(), ts));
        }
        long[] before = StatementCounter.snapshot();
        long start = System.nanoTime();
        for (int i = 0; i < targets.size(); i++) {
            int stored = ingestor.ingest(targets.get(i), parser.parse(bodies.get(i))).accepted();
            assertEquals(SAMPLES_PER_BATCH, stored, targets.get(i).name());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] after = StatementCounter.snapshot();
        if (work != null) {
            work[0] += after[0] - before[0];
            work[1] += after[1] - before[1];
        }
        return targets.size() * SAMPLES_PER_BATCH / seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** 1,000 series the way node_exporter names them: 25 metrics x 40 label sets (cpu/mode, device, ...). */
    static byte[] body(String host, long ts) {
        StringBuilder b = new StringBuilder(120_000).append("{\"host\":\"").append(host).append("\",\"samples\":[");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            int metric = i / 40;
            int set = i % 40;
            b.append(i == 0 ? "" : ",").append("{\"metric\":\"node_bench_metric_").append(metric)
                    .append("\",\"labels\":{\"cpu\":\"").append(set / 8).append("\",\"mode\":\"m").append(set % 8)
                    .append("\",\"job\":\"node\"},\"ts\":").append(ts).append(",\"value\":").append(i * 0.25).append('}');
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
