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
 * database, batch by batch: known series (the steady state, where the limits are not consulted)
 * and new series (where the limits count the host's series every few seconds). Limits are set high enough that
 * nothing is refused: this measures the checks, not refusals. Run it with
 * infra/bench/series-limits-throughput.sh (not a unit test: no *Test suffix).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesLimitsThroughputBench implements TestPropertyProvider {

    static final int SAMPLES_PER_BATCH = 1_000;
    static final int BATCHES = Integer.getInteger("bench.batches", 100);

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
        run("warm-up", false);
        run("warm-up", true);
        double[] known = run("known", false);
        double[] fresh = run("new", true);
        StringBuilder report = new StringBuilder(String.format(
                "JSON parse + store, %d batches x %d samples per state, limits on and off alternating batch by batch, local MariaDB%n",
                BATCHES, SAMPLES_PER_BATCH));
        report.append(String.format("known series: on %9.0f samples/s, off %9.0f samples/s, ratio on/off %.3f%n", known[0], known[1], known[0] / known[1]));
        report.append(String.format("new series:   on %9.0f samples/s, off %9.0f samples/s, ratio on/off %.3f%n", fresh[0], fresh[1], fresh[0] / fresh[1]));
        System.out.print(report);
        Files.writeString(Path.of("target", "series-limits-throughput.txt"), report);
    }

    /**
     * Batches alternate between limits on (one host) and off (another host), so both states see the
     * same machine load, which on a shared machine drifts more than the limits cost.
     * Known series: each host sends the same 1,000 series batch after batch; new: each batch brings
     * 1,000 new series. @return samples/s with limits on, and off
     */
    private double[] run(String name, boolean newSeries) {
        long t0 = System.currentTimeMillis() - (BATCHES + 1) * 1_000L;
        Host[] host = new Host[2];
        long[] nanos = new long[2];
        for (int state = 0; state < 2; state++) {
            String hostName = name + (state == 0 ? "-on-" : "-off-") + System.nanoTime();
            host[state] = hosts.register(hostName).orElseThrow().host();
            if (!newSeries) { // the series exist before timing
                ingestor.ingest(host[state], parser.parse(body(hostName, t0 - 1_000L, 0)));
            }
        }
        for (int i = 0; i < BATCHES; i++) {
            for (int k = 0; k < 2; k++) {
                int state = (i + k) % 2; // who goes first alternates too
                limits.setEnabled(state == 0);
                byte[] b = body(host[state].name(), t0 + i * 1_000L, newSeries ? i * SAMPLES_PER_BATCH : 0);
                long start = System.nanoTime();
                int stored = ingestor.ingest(host[state], parser.parse(b)).accepted();
                nanos[state] += System.nanoTime() - start;
                assertEquals(SAMPLES_PER_BATCH, stored, host[state].name());
            }
        }
        limits.setEnabled(true);
        return new double[]{BATCHES * SAMPLES_PER_BATCH / (nanos[0] / 1e9), BATCHES * SAMPLES_PER_BATCH / (nanos[1] / 1e9)};
    }

    private static byte[] body(String host, long ts, int firstSeries) {
        StringBuilder b = new StringBuilder("{\"host\":\"").append(host).append("\",\"samples\":[");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            b.append(i == 0 ? "" : ",").append("{\"metric\":\"bench_gauge\",\"labels\":{\"i\":\"").append(firstSeries + i)
                    .append("\"},\"ts\":").append(ts).append(",\"value\":").append(i * 0.5).append('}');
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
