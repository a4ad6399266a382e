package dev.vigil.ingest.format.peers;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Debian packages of node_exporter and collectd, started here, sending to a running ingest. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealPeersTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    HostRegistry hosts;
    @Inject
    LatestValueQuery latest;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.freshMysql();
    }

    private List<SeriesValue> latestOf(String host) {
        return latest.forHost(hosts.findActive(host).orElseThrow().id());
    }

    private static boolean has(List<SeriesValue> values, String metric, Map<String, String> labels) {
        return values.stream().anyMatch(v -> v.metric().equals(metric) && v.labels().entrySet().containsAll(labels.entrySet()));
    }

    private String scrape(int port, PeerProcess exporter) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException e) {
                Thread.sleep(100); // still starting
            }
        }
        return fail("node_exporter did not answer on port " + port + ": " + exporter.log());
    }

    @Test
    void nodeExporterScrapesPostedToThePrometheusPathArriveUnderContractNames(@TempDir Path dir) throws Exception {
        String token = hosts.register("node-01").orElseThrow().token();
        ApiClient api = new ApiClient(server.getURI());
        int port = PeerProcess.freePort();
        try (PeerProcess exporter = PeerProcess.start(Path.of("/usr/bin/prometheus-node-exporter"), "prometheus-node-exporter",
                dir, List.of("--web.listen-address=127.0.0.1:" + port))) {
            for (int scrapeNo = 0; scrapeNo < 2; scrapeNo++) {
                if (scrapeNo > 0) {
                    Thread.sleep(1_500); // CPU percent needs two scrapes: it is a rate of cpu seconds
                }
                HttpResponse<String> posted = api.post("/api/v1/write/prometheus/node-01", token, "text/plain; version=0.0.4",
                        scrape(port, exporter).getBytes(StandardCharsets.UTF_8));
                assertEquals(202, posted.statusCode(), posted.body());
            }
        }
        List<SeriesValue> stored = latestOf("node-01");
        String names = stored.stream().map(SeriesValue::metric).collect(Collectors.toCollection(java.util.TreeSet::new)).toString();
        for (String metric : List.of("cpu_usage_percent", "cpu_iowait_percent", "cpu_count", "memory_used_percent",
                "memory_total_bytes", "load5", "uptime_seconds", "open_files_percent")) {
            assertTrue(has(stored, metric, Map.of()), metric + " missing; stored: " + names);
        }
        assertTrue(has(stored, "disk_free_bytes", Map.of("mount", "/")), "disk_free_bytes{mount=\"/\"} missing; stored: " + names);
        assertTrue(has(stored, "disk_used_percent", Map.of("mount", "/")), names);
        assertTrue(has(stored, "go_goroutines", Map.of()), "unmapped series keep their names: " + names);
    }

    @Test
    void collectdWriteHttpJsonArrivesUnderContractNamesWithinTwoIntervals(@TempDir Path dir) throws Exception {
        String token = hosts.register("collectd-01").orElseThrow().token();
        Path conf = dir.resolve("collectd.conf");
        Files.writeString(conf, CollectdConfig.forVigil(dir, "collectd-01",
                server.getURI().resolve("/api/v1/write/collectd").toString(), token));
        Set<String> wanted = Set.of("memory_used_percent", "load1", "swap_used_percent", "cpu_usage_percent", "cpu_count");
        try (PeerProcess collectd = PeerProcess.start(Path.of("/usr/sbin/collectd"), "collectd-core", dir,
                List.of("-C", conf.toString(), "-f"))) {
            boolean swap = hasSwap();
            long started = System.nanoTime();
            // first reading of the cpu counters + one interval for the rate + one flush: a few seconds at Interval 1
            long deadline = started + Duration.ofSeconds(15).toNanos();
            List<SeriesValue> stored = List.of();
            while (System.nanoTime() - deadline < 0) {
                stored = latestOf("collectd-01");
                List<SeriesValue> now = stored;
                boolean disk = has(now, "disk_used_percent", Map.of("mount", "/"));
                if (disk && wanted.stream().allMatch(m -> has(now, m, Map.of()) || m.equals("swap_used_percent") && !swap)) {
                    break;
                }
                assertTrue(collectd.alive(), "collectd exited: " + collectd.log());
                Thread.sleep(200);
            }
            String names = stored.stream().map(SeriesValue::metric).collect(Collectors.toCollection(java.util.TreeSet::new)).toString();
            for (String metric : wanted) {
                if (!metric.equals("swap_used_percent") || swap) {
                    assertTrue(has(stored, metric, Map.of()), metric + " missing; stored: " + names + "\ncollectd: " + collectd.log());
                }
            }
            assertTrue(has(stored, "disk_used_percent", Map.of("mount", "/")), names);
            assertTrue(has(stored, "disk_free_bytes", Map.of("mount", "/")), names);
            System.out.printf("collectd: contract names stored %.1f s after start%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /** Hosts without swap report none; swap_used_percent is then not expected. */
    private static boolean hasSwap() throws IOException {
        return Files.readAllLines(Path.of("/proc/swaps")).size() > 1;
    }
}
