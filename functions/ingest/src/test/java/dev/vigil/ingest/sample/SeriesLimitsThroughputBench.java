package dev.vigil.ingest.sample;

import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.SeriesLimitProperties;
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
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the per-host series limits cost on the write path, limits on and off in one run on one
 * database, rounds interleaved: known series (the steady state, where the limits are not consulted)
 * and new series (where every batch counts the host's series). Limits are set high enough that
 * nothing is refused: this measures the checks, not refusals. Run it with
 * infra/bench/series-limits-throughput.sh (not a unit test: no *Test suffix).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesLimitsThroughputBench implements TestPropertyProvider {

    static final int SAMPLES_PER_BATCH = 1_000;
    static final int BATCHES = Integer.getInteger("bench.batches", 40);
    static final int ROUNDS = 3;

    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchJsonParser parser;
    @Inject
    SampleIngestor ingestor;
    @Inject
    SeriesLimitProperties limits;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new LinkedHashMap<>(TestDatabase.freshMysql());
        props.put("vigil.ingest.rate-limit.enabled", "false");
        props.put("vigil.ingest.limits.max-active-series-per-host", "10000000");
        props.put("vigil.ingest.limits.max-new-series-per-minute", "10000000");
        return props;
    }

    @Test
    void measure() throws IOException {
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (String name : new String[]{"known series, limits on", "known series, limits off",
                "new series, limits on", "new series, limits off"}) {
            rates.put(name, new double[ROUNDS]);
        }
        for (int round = -1; round < ROUNDS; round++) { // round -1 warms the JIT and the buffer pool
            for (boolean on : new boolean[]{round % 2 == 0, round % 2 != 0}) {
                limits.setEnabled(on);
                String suffix = (on ? "-on-" : "-off-") + (round + 1);
                double known = run("known" + suffix, false);
                double fresh = run("new" + suffix, true);
                if (round >= 0) {
                    rates.get("known series, limits " + (on ? "on" : "off"))[round] = known;
                    rates.get("new series, limits " + (on ? "on" : "off"))[round] = fresh;
                }
            }
        }
        limits.setEnabled(true);
        StringBuilder report = new StringBuilder(String.format(
                "JSON parse + store, %d batches x %d samples per measurement, median of %d interleaved rounds, local MariaDB%n",
                BATCHES, SAMPLES_PER_BATCH, ROUNDS));
        rates.forEach((name, r) -> report.append(String.format("%-26s %9.0f samples/s%n", name, median(r))));
        report.append(String.format("ratio on/off, known series: %.3f%n",
                median(rates.get("known series, limits on")) / median(rates.get("known series, limits off"))));
        report.append(String.format("ratio on/off, new series:   %.3f%n",
                median(rates.get("new series, limits on")) / median(rates.get("new series, limits off"))));
        System.out.print(report);
        Files.writeString(Path.of("target", "series-limits-throughput.txt"), report);
    }

    /** Known series: one host sends the same 1,000 series batch after batch; new: each batch brings 1,000 new series. */
    private double run(String hostName, boolean newSeries) {
        Host host = hosts.register(hostName).orElseThrow().host();
        long t0 = System.currentTimeMillis() - (BATCHES + 1) * 1_000L;
        byte[][] bodies = new byte[BATCHES][];
        for (int i = 0; i < BATCHES; i++) {
            bodies[i] = body(hostName, t0 + i * 1_000L, newSeries ? i * SAMPLES_PER_BATCH : 0);
        }
        if (!newSeries) {
            ingestor.ingest(host, parser.parse(body(hostName, t0 - 1_000L, 0))); // the series exist before timing
        }
        long start = System.nanoTime();
        int stored = 0;
        for (byte[] b : bodies) {
            stored += ingestor.ingest(host, parser.parse(b)).accepted();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(BATCHES * SAMPLES_PER_BATCH, stored, hostName);
        return stored / seconds;
    }

    private static byte[] body(String host, long ts, int firstSeries) {
        StringBuilder b = new StringBuilder("{\"host\":\"").append(host).append("\",\"samples\":[");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            b.append(i == 0 ? "" : ",").append("{\"metric\":\"bench_gauge\",\"labels\":{\"i\":\"").append(firstSeries + i)
                    .append("\"},\"ts\":").append(ts).append(",\"value\":").append(i * 0.5).append('}');
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
