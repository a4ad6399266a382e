package dev.vigil.ingest.format.peers;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's Prometheus 2.42 scrapes Debian's node_exporter and a synthetic exporter whose disk is nearly full,
 * and forwards everything by remote_write with a writer token: the series arrive under Vigil's names for the
 * host each {@code instance} names, and DiskSpaceLow fires from remote-write data alone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteWritePeerTest implements TestPropertyProvider {

    static final String ADMIN = "test-admin-token-remote-write-peer";
    static final String NODE_HOST = "node-rw-01";
    static final String FULL_HOST = "full-disk-01";

    @Inject
    EmbeddedServer server;
    @Inject
    HostRegistry hosts;
    @Inject
    LatestValueQuery latest;
    @Inject
    EvaluationCycle evaluation;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshMysql());
        props.put("vigil.admin-token", ADMIN);
        return props;
    }

    /** node_exporter's text for a host whose "/" has 30 of 1000 GiB left (97 % used). */
    static String fullDiskExposition() {
        long gib = 1L << 30;
        String root = "{device=\"/dev/vda1\",fstype=\"ext4\",mountpoint=\"/\"}";
        return "# HELP node_filesystem_size_bytes Filesystem size in bytes.\n# TYPE node_filesystem_size_bytes gauge\n"
                + "node_filesystem_size_bytes" + root + " " + 1000 * gib + "\n"
                + "# TYPE node_filesystem_free_bytes gauge\nnode_filesystem_free_bytes" + root + " " + 30 * gib + "\n"
                + "# TYPE node_filesystem_avail_bytes gauge\nnode_filesystem_avail_bytes" + root + " " + 30 * gib + "\n"
                + "# TYPE node_memory_MemTotal_bytes gauge\nnode_memory_MemTotal_bytes 8.589934592e+09\n"
                + "# TYPE node_memory_MemAvailable_bytes gauge\nnode_memory_MemAvailable_bytes 4.294967296e+09\n"
                + "# TYPE node_load1 gauge\nnode_load1 0.42\n";
    }

    static String prometheusConfig(int nodePort, int fullPort, String writeUrl, String token) {
        return """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1m
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                        labels: {instance: '%s:9100'}
                  - job_name: synthetic
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                        labels: {instance: '%s:9100'}
                remote_write:
                  - url: '%s'
                    authorization:
                      credentials: '%s'
                    queue_config:
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                      max_backoff: 1s
                    metadata_config:
                      send_interval: 1s
                """.formatted(nodePort, NODE_HOST, fullPort, FULL_HOST, writeUrl, token);
    }

    @Test
    void prometheusRemoteWriteArrivesUnderVigilNamesAndDiskSpaceLowFires(@TempDir Path dir) throws Exception {
        ApiClient api = new ApiClient(server.getURI());
        HttpResponse<String> created = api.post("/api/v1/tokens", ADMIN, "{\"name\":\"prometheus\",\"role\":\"writer\"}");
        assertEquals(201, created.statusCode(), created.body());
        String token = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        HttpServer synthetic = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        synthetic.createContext("/metrics", exchange -> {
            byte[] body = fullDiskExposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        synthetic.start();
        int nodePort = PeerProcess.freePort();
        int webPort = PeerProcess.freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, prometheusConfig(nodePort, synthetic.getAddress().getPort(),
                server.getURI().resolve("/api/v1/write").toString(), token));
        Files.createDirectories(dir.resolve("tsdb"));
        try (PeerProcess exporter = PeerProcess.start(Path.of("/usr/bin/prometheus-node-exporter"), "prometheus-node-exporter",
                dir, List.of("--web.listen-address=127.0.0.1:" + nodePort));
             PeerProcess prometheus = PeerProcess.start(Path.of("/usr/bin/prometheus"), "prometheus", dir,
                     List.of("--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                             "--web.listen-address=127.0.0.1:" + webPort))) {
            long started = System.nanoTime();
            long deadline = started + Duration.ofSeconds(90).toNanos();
            List<String> wanted = List.of("cpu_usage_percent", "cpu_count", "memory_used_percent", "load1", "uptime_seconds");
            boolean arrived = false;
            while (!arrived && System.nanoTime() - deadline < 0) {
                assertTrue(prometheus.alive(), "prometheus exited: " + prometheus.log());
                arrived = hosts.findActive(NODE_HOST).isPresent() && hosts.findActive(FULL_HOST).isPresent()
                        && wanted.stream().allMatch(m -> has(latestOf(NODE_HOST), m, Map.of()))
                        && has(latestOf(NODE_HOST), "disk_used_percent", Map.of("mount", "/"))
                        && has(latestOf(FULL_HOST), "disk_used_percent", Map.of("mount", "/"));
                if (!arrived) {
                    Thread.sleep(250); // waiting on a real Prometheus's scrape and send loop, not on Vigil's clock
                }
            }
            List<SeriesValue> node = hosts.findActive(NODE_HOST).map(h -> latestOf(NODE_HOST)).orElse(List.of());
            String names = node.stream().map(SeriesValue::metric).collect(Collectors.toCollection(TreeSet::new)).toString();
            assertTrue(arrived, "not all series arrived within 90 s; " + NODE_HOST + " has " + names + "\nprometheus: " + prometheus.log());
            System.out.printf("remote write: Vigil names stored %.1f s after Prometheus started%n", (System.nanoTime() - started) / 1e9);

            assertTrue(has(node, "go_goroutines", Map.of("job", "node")), "unmapped series keep their own names: " + names);
            assertFalse(node.stream().anyMatch(v -> v.metric().equals("node_memory_MemTotal_bytes")), "mapped series are consumed");
            assertEquals(null, hosts.findActive(NODE_HOST).orElseThrow().tokenHash(), "registered without a token of its own");
            double used = latestOf(FULL_HOST).stream()
                    .filter(v -> v.metric().equals("disk_used_percent") && "/".equals(v.labels().get("mount")))
                    .findFirst().orElseThrow().value();
            assertEquals(97.0, used, 1e-9);

            evaluation.runOnce();
            assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM alerts WHERE host = '" + FULL_HOST + "' AND rule = 'DiskSpaceLow'"
                    + " AND state = 'firing' AND severity = 'critical'"), "DiskSpaceLow fires from remote-write data alone");

            Thread.sleep(1_500); // let at least one metadata-only request (every 1 s here) reach Vigil
            String log = prometheus.log();
            assertFalse(log.contains("non-recoverable error") || log.contains("status 4") || log.contains("server returned HTTP status"),
                    "Prometheus logged a refused remote write: " + log);
        } finally {
            synthetic.stop(0);
        }
    }

    private List<SeriesValue> latestOf(String host) {
        return hosts.findActive(host).map(h -> latest.forHost(h.id())).orElse(List.of());
    }

    private static boolean has(List<SeriesValue> values, String metric, Map<String, String> labels) {
        return values.stream().anyMatch(v -> v.metric().equals(metric) && v.labels().entrySet().containsAll(labels.entrySet()));
    }
}
