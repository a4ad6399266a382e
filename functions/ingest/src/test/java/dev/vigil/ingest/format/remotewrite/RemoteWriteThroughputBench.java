package dev.vigil.ingest.format.remotewrite;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Remote-write ingest rate against the native JSON path, both over HTTP on one server and one fresh
 * database, in batches of 500 series as Prometheus sends them (one sample each, the series already known:
 * the steady state of a scrape loop). Not a unit test (no *Test suffix): run infra/bench/remote-write-throughput.sh.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteWriteThroughputBench implements TestPropertyProvider {

    static final String ADMIN = "bench-admin-token";
    static final int SERIES_PER_BATCH = 500;
    static final int WARMUP_BATCHES = 20;
    static final int BATCHES = Integer.getInteger("bench.batches", 200);

    @Inject
    EmbeddedServer server;
    @Inject
    HostRegistry hosts;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new LinkedHashMap<>(TestDatabase.freshMysql());
        props.put("vigil.admin-token", ADMIN);
        props.put("vigil.ingest.rate-limit.enabled", "false");
        return props;
    }

    @Test
    void measure() throws IOException {
        ApiClient api = new ApiClient(server.getURI());
        String writer = api.post("/api/v1/tokens", ADMIN, "{\"name\":\"bench\",\"role\":\"writer\"}").body()
                .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        Map<String, Double> rates = new LinkedHashMap<>();
        // two rounds, paths interleaved, the second one reported: JIT and buffer pool are warm for both
        for (int round = 0; round < 2; round++) {
            long t0 = System.currentTimeMillis() - (2 - round) * (WARMUP_BATCHES + BATCHES + 10) * 1_000L;
            String nativeHost = "bench-native-r" + round;
            String nativeToken = hosts.register(nativeHost).orElseThrow().token();
            rates.put("native JSON", run(t0, ts -> nativeBody(nativeHost, ts),
                    body -> api.post("/api/v1/samples", nativeToken, "application/json", body), 202));
            String rwInstance = "bench-rw-r" + round + ":9100";
            rates.put("remote write", run(t0, ts -> remoteWriteBody(rwInstance, ts),
                    body -> api.post("/api/v1/write", writer, "application/x-protobuf", body,
                            Map.of("Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "0.1.0")), 204));
        }
        StringBuilder report = new StringBuilder(String.format(
                "HTTP, %d batches x %d series (one sample each, known series), local MariaDB%n", BATCHES, SERIES_PER_BATCH));
        double baseline = rates.get("native JSON");
        rates.forEach((path, rate) -> report.append(String.format("%-14s %9.0f samples/s  %.2fx native%n", path, rate, rate / baseline)));
        System.out.print(report);
        Files.writeString(Path.of("target", "remote-write-throughput.txt"), report);
    }

    interface Post {
        HttpResponse<String> send(byte[] body);
    }

    private static double run(long t0, LongFunction<byte[]> body, Post post, int expected) {
        for (int i = 0; i < WARMUP_BATCHES; i++) {
            assertEquals(expected, post.send(body.apply(t0 + i * 1_000L)).statusCode());
        }
        byte[][] bodies = new byte[BATCHES][];
        for (int i = 0; i < BATCHES; i++) {
            bodies[i] = body.apply(t0 + (WARMUP_BATCHES + i) * 1_000L);
        }
        long start = System.nanoTime();
        for (byte[] b : bodies) {
            HttpResponse<String> answer = post.send(b);
            assertEquals(expected, answer.statusCode(), answer.body());
        }
        return (double) BATCHES * SERIES_PER_BATCH / ((System.nanoTime() - start) / 1e9);
    }

    static byte[] nativeBody(String host, long ts) {
        StringBuilder b = new StringBuilder("{\"host\":\"").append(host).append("\",\"samples\":[");
        for (int i = 0; i < SERIES_PER_BATCH; i++) {
            b.append(i == 0 ? "" : ",").append("{\"metric\":\"bench_gauge\",\"labels\":{\"job\":\"node\",\"i\":\"").append(i)
                    .append("\"},\"ts\":").append(ts).append(",\"value\":").append(i * 0.5).append('}');
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] remoteWriteBody(String instance, long ts) {
        RemoteWriteBodies body = new RemoteWriteBodies();
        for (int i = 0; i < SERIES_PER_BATCH; i++) {
            body.add("bench_gauge", instance, Map.of("i", Integer.toString(i)), i * 0.5, ts);
        }
        return body.snappy();
    }
}
