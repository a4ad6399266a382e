package dev.vigil.ingest.format;

import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.format.collectd.CollectdFormat;
import dev.vigil.ingest.format.influx.InfluxFormat;
import dev.vigil.ingest.format.prometheus.PrometheusFormat;
import dev.vigil.ingest.sample.SampleBatchJsonParser;
import dev.vigil.ingest.sample.SampleIngestor;
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
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Parse + store throughput of each sender format against the native JSON path, in one run on one
 * fresh database. Not a unit test (no *Test suffix): run it with infra/bench/formats-throughput.sh.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormatsThroughputBench implements TestPropertyProvider {

    static final int SAMPLES_PER_BATCH = 1_000;
    static final int WARMUP_BATCHES = 10;
    static final int BATCHES = Integer.getInteger("bench.batches", 60);

    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchJsonParser nativeParser;
    @Inject
    SampleIngestor nativeIngestor;
    @Inject
    FormatIngestor formats;
    @Inject
    PrometheusFormat prometheus;
    @Inject
    InfluxFormat influx;
    @Inject
    CollectdFormat collectd;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new LinkedHashMap<>(TestDatabase.freshMysql());
        props.put("vigil.ingest.rate-limit.enabled", "false");
        // every batch brings 1,000 new series to one host: far past the per-host series limits
        props.put("vigil.ingest.limits.enabled", "false");
        return props;
    }

    @Test
    void measure() throws IOException {
        Map<String, Double> rates = new LinkedHashMap<>();
        // two rounds, formats interleaved, the second one reported: JIT and buffer pool are warm for everyone
        for (int round = 0; round < 2; round++) {
            long t0 = System.currentTimeMillis() - (2 - round) * (WARMUP_BATCHES + BATCHES + 10) * 1_000L;
            String r = "-r" + round;
            rates.put("native JSON", run("bench-native" + r, t0, FormatsThroughputBench::nativeBody,
                    (host, body) -> nativeIngestor.ingest(host, nativeParser.parse(body)).accepted()));
            rates.put("prometheus text", run("bench-prom" + r, t0, FormatsThroughputBench::promBody,
                    (host, body) -> formats.ingest(prometheus, request(host), body).accepted()));
            rates.put("influx line protocol", run("bench-influx" + r, t0, FormatsThroughputBench::influxBody,
                    (host, body) -> formats.ingest(influx, request(host), body).accepted()));
            rates.put("collectd JSON", run("bench-collectd" + r, t0, FormatsThroughputBench::collectdBody,
                    (host, body) -> formats.ingest(collectd, request(host), body).accepted()));
        }

        StringBuilder report = new StringBuilder(String.format("parse + store, %d batches x %d samples (new series), local MariaDB%n",
                BATCHES, SAMPLES_PER_BATCH));
        double baseline = rates.get("native JSON");
        rates.forEach((format, rate) -> report.append(String.format("%-22s %9.0f samples/s  %.2fx native%n", format, rate, rate / baseline)));
        System.out.print(report);
        Files.writeString(Path.of("target", "formats-throughput.txt"), report);
    }

    private static FormatRequest request(Host host) {
        return new FormatRequest(host, host.name(), Map.of(), System.currentTimeMillis());
    }

    private double run(String hostName, long t0, BiFunction<String, Long, String> body, BiFunction<Host, byte[], Integer> ingest) {
        Host host = hosts.register(hostName).orElseThrow().host();
        Function<Integer, byte[]> batch = i -> body.apply(hostName, t0 + i * 1_000L).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < WARMUP_BATCHES; i++) {
            ingest.apply(host, batch.apply(i));
        }
        byte[][] bodies = new byte[BATCHES][];
        for (int i = 0; i < BATCHES; i++) {
            bodies[i] = batch.apply(WARMUP_BATCHES + i);
        }
        long start = System.nanoTime();
        int stored = 0;
        for (byte[] b : bodies) {
            stored += ingest.apply(host, b);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(BATCHES * SAMPLES_PER_BATCH, stored, hostName);
        return stored / seconds;
    }

    static String nativeBody(String host, long ts) {
        StringBuilder b = new StringBuilder("{\"host\":\"").append(host).append("\",\"samples\":[");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            b.append(i == 0 ? "" : ",").append("{\"metric\":\"bench_gauge\",\"labels\":{\"i\":\"").append(i)
                    .append("\"},\"ts\":").append(ts).append(",\"value\":").append(i * 0.5).append('}');
        }
        return b.append("]}").toString();
    }

    static String promBody(String host, long ts) {
        StringBuilder b = new StringBuilder("# HELP bench_gauge A benchmark gauge.\n# TYPE bench_gauge gauge\n");
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            b.append("bench_gauge{i=\"").append(i).append("\"} ").append(i * 0.5).append(' ').append(ts).append('\n');
        }
        return b.toString();
    }

    static String influxBody(String host, long ts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < SAMPLES_PER_BATCH; i++) {
            b.append("bench,host=").append(host).append(",i=").append(i).append(" gauge=").append(i * 0.5)
                    .append(' ').append(ts * 1_000_000L).append('\n');
        }
        return b.toString();
    }

    static String collectdBody(String host, long ts) {
        StringBuilder b = new StringBuilder("[");
        for (int list = 0; list < SAMPLES_PER_BATCH / 100; list++) {
            StringBuilder values = new StringBuilder();
            StringBuilder types = new StringBuilder();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                String sep = i == 0 ? "" : ",";
                values.append(sep).append(i * 0.5);
                types.append(sep).append("\"gauge\"");
                names.append(sep).append("\"d").append(i).append('"');
            }
            b.append(list == 0 ? "" : ",").append("{\"values\":[").append(values).append("],\"dstypes\":[").append(types)
                    .append("],\"dsnames\":[").append(names).append("],\"time\":").append(ts / 1000.0)
                    .append(",\"interval\":1.000,\"host\":\"").append(host).append("\",\"plugin\":\"bench\",\"plugin_instance\":\"l")
                    .append(list).append("\",\"type\":\"g\",\"type_instance\":\"\"}");
        }
        return b.append(']').toString();
    }
}
