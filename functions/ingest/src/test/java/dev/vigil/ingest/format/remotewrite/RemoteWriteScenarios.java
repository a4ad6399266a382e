package dev.vigil.ingest.format.remotewrite;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.testing.Sql;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.AdminApiTestProperties;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/v1/write} over a real socket: node_exporter names mapped as for the text format, the host
 * from {@code instance}, new hosts registered without a token, NaN and stale markers dropped and counted, the
 * body stored whole or not at all, bad bodies refused with a 400 that names the problem. Subclasses run it on
 * MariaDB/MySQL and H2.
 */
abstract class RemoteWriteScenarios implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-remote-write";
    static final Map<String, String> HEADERS = Map.of("Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "0.1.0");
    static final long STALE_MARKER = 0x7ff0000000000002L;

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    EvaluationCycle evaluation;
    @Inject
    LatestValueQuery latest;
    @Inject
    HostRegistry hosts;

    ApiClient api;
    String writer;
    String hostToken;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("vigil.ingest.rate-limit.burst", "5000",
                "vigil.ingest.rate-limit.samples-per-second", "0.01");
    }

    @BeforeAll
    void givenAWriterAndAHostToken() {
        api = new ApiClient(server.getURI());
        HttpResponse<String> created = api.post("/api/v1/tokens", ADMIN, "{\"name\":\"prometheus\",\"role\":\"writer\"}");
        assertEquals(201, created.statusCode(), created.body());
        writer = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        hostToken = hosts.register("own-01").orElseThrow().token();
    }

    HttpResponse<String> write(String token, byte[] body) {
        return api.post("/api/v1/write", token, "application/x-protobuf", body, HEADERS);
    }

    static long now() {
        return System.currentTimeMillis() / 1000 * 1000;
    }

    /** node_exporter's view of a machine whose "/" is 95 % used, as Prometheus would forward one scrape. */
    static RemoteWriteBodies machine(RemoteWriteBodies body, String instance, long ts) {
        Map<String, String> root = Map.of("mountpoint", "/", "fstype", "ext4", "device", "/dev/sda1");
        return body
                .add("node_memory_MemTotal_bytes", instance, Map.of(), 1000.0, ts)
                .add("node_memory_MemAvailable_bytes", instance, Map.of(), 250.0, ts)
                .add("node_filesystem_size_bytes", instance, root, 1000.0, ts)
                .add("node_filesystem_free_bytes", instance, root, 50.0, ts)
                .add("node_filesystem_avail_bytes", instance, root, 50.0, ts)
                .add("node_filesystem_avail_bytes", instance, Map.of("mountpoint", "/run", "fstype", "tmpfs"), 1.0, ts)
                .add("node_load1", instance, Map.of(), 0.5, ts)
                .add("node_hwmon_temp_celsius", instance, Map.of("chip", "c0"), 41.5, ts);
    }

    Optional<SeriesValue> latestValue(String host, String metric, Map<String, String> labels) {
        return latest.forHost(hosts.findActive(host).orElseThrow().id()).stream()
                .filter(v -> v.metric().equals(metric) && v.labels().entrySet().containsAll(labels.entrySet()))
                .findFirst();
    }

    long stored() {
        return Sql.count(dataSource, "SELECT COUNT(*) FROM samples");
    }

    static void assertRefused(HttpResponse<String> response, int status, String words) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"error\":\""), response.body());
        assertTrue(response.body().contains(words), response.body());
        assertFalse(response.body().contains("Exception"), "no stack traces: " + response.body());
    }

    @Test
    void oneRequestForTwoHostsArrivesUnderVigilsNamesAndDiskSpaceLowFires() {
        long ts = now() - 60_000;
        byte[] body = machine(machine(new RemoteWriteBodies(), "rw-db-01:9100", ts), "rw-web-01:9100", ts).snappy();

        HttpResponse<String> response = write(writer, body);

        assertEquals(204, response.statusCode(), response.body());
        for (String host : List.of("rw-db-01", "rw-web-01")) {
            assertTrue(hosts.findActive(host).isPresent(), host + " registered on first sight");
            assertEquals(null, hosts.findActive(host).orElseThrow().tokenHash(), "without a token of its own");
            assertEquals(75.0, latestValue(host, "memory_used_percent", Map.of()).orElseThrow().value(), 1e-9);
            assertEquals(95.0, latestValue(host, "disk_used_percent", Map.of("mount", "/")).orElseThrow().value(), 1e-9);
            assertEquals(0.5, latestValue(host, "load1", Map.of()).orElseThrow().value());
            assertEquals(41.5, latestValue(host, "node_hwmon_temp_celsius", Map.of("chip", "c0", "job", "node")).orElseThrow().value());
            assertTrue(latestValue(host, "disk_used_percent", Map.of("mount", "/run")).isEmpty(), "tmpfs is not a disk");
        }
        evaluation.runOnce();
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM alerts WHERE host = 'rw-db-01' AND rule = 'DiskSpaceLow'"
                + " AND state = 'firing' AND severity = 'critical'"), "DiskSpaceLow fires from remote-write data alone");
    }

    @Test
    void countersBecomeRatesAcrossRequestsAndScrapesInOneRequest() {
        long ts = now() - 600_000;
        Map<String, String> eth = Map.of("device", "eth0");
        byte[] twoScrapes = new RemoteWriteBodies()
                .add("node_network_receive_bytes_total", "rates-01:9100", eth, 1000.0, ts)
                .add("http_requests_total", "rates-01:9100", Map.of("code", "200"), 100.0, ts)
                .add("node_network_receive_bytes_total", "rates-01:9100", eth, 4000.0, ts + 15_000)
                .add("http_requests_total", "rates-01:9100", Map.of("code", "200"), 250.0, ts + 15_000)
                .snappy();
        assertEquals(204, write(writer, twoScrapes).statusCode());
        assertEquals(200.0, latestValue("rates-01", "net_rx_bytes_per_second", Map.of("iface", "eth0")).orElseThrow().value(), 1e-9);
        assertEquals(10.0, latestValue("rates-01", "http_requests_per_second", Map.of("code", "200")).orElseThrow().value(), 1e-9);

        byte[] next = new RemoteWriteBodies()
                .add("node_network_receive_bytes_total", "rates-01:9100", eth, 7000.0, ts + 45_000).snappy();
        assertEquals(204, write(writer, next).statusCode());
        assertEquals(100.0, latestValue("rates-01", "net_rx_bytes_per_second", Map.of("iface", "eth0")).orElseThrow().value(), 1e-9);
    }

    @Test
    void nanStaleMarkersLabelsOverTheLimitsAndSeriesWithoutHostAreDroppedAndCounted() {
        long ts = now() - 120_000;
        Map<String, String> tooLong = Map.of("path", "x".repeat(300));
        byte[] body = new RemoteWriteBodies()
                .add("node_load1", "drops-01:9100", Map.of(), 1.5, ts)
                .add("node_load5", "drops-01:9100", Map.of(), Double.NaN, ts)
                .add("node_load15", "drops-01:9100", Map.of(), Double.longBitsToDouble(STALE_MARKER), ts)
                .add("app_queue_depth", "drops-01:9100", tooLong, 3.0, ts)
                .add("app_queue_depth", null, Map.of(), 3.0, ts)
                .add("app_queue_depth", "bad host name!:9100", Map.of(), 3.0, ts)
                .add("node_procs_blocked", "drops-01:9100", Map.of(), null, ts)
                .snappy();

        HttpResponse<String> response = write(writer, body);

        assertEquals(204, response.statusCode(), response.body());
        assertEquals("2", response.headers().firstValue("X-Vigil-Accepted").orElseThrow());
        assertEquals("5", response.headers().firstValue("X-Vigil-Dropped").orElseThrow());
        assertEquals(0.0, latestValue("drops-01", "node_procs_blocked", Map.of()).orElseThrow().value(), "a missing value is 0");
    }

    @Test
    void metadataOnlyRequestsAreAcceptedWithoutStoringAnything() {
        long before = stored();
        HttpResponse<String> response = write(writer, new RemoteWriteBodies().metadata(5).snappy());
        assertEquals(204, response.statusCode(), response.body());
        assertEquals(before, stored());
    }

    @Test
    void badBodiesAre400sNamingTheProblemAndStoreNothing() {
        long before = stored();
        assertRefused(write(writer, "node_load1 1\n".getBytes(StandardCharsets.UTF_8)), 400, "not snappy");
        byte[] raw = machine(new RemoteWriteBodies(), "bad-01:9100", now()).protobuf();
        assertRefused(write(writer, RemoteWriteBodies.snappy(Arrays.copyOf(raw, raw.length - 5))), 400, "truncated");
        assertRefused(write(writer, new byte[0]), 400, "empty");
        assertRefused(api.post("/api/v1/write", writer, "application/json", new RemoteWriteBodies().snappy(), HEADERS), 415,
                "Content-Type");
        assertRefused(api.post("/api/v1/write", writer, "application/x-protobuf", raw,
                Map.of("Content-Encoding", "gzip")), 400, "Content-Encoding");
        assertRefused(api.post("/api/v1/write", writer, "application/x-protobuf", raw,
                Map.of("Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "2.0.0")), 415, "0.1.0");
        assertEquals(before, stored());
        assertFalse(hosts.findActive("bad-01").isPresent(), "a refused body registers no host");
    }

    @Test
    void aHostTokenWritesOnlyForItsOwnHostAndOtherRolesAreRefused() {
        long ts = now() - 180_000;
        assertEquals(204, write(hostToken, machine(new RemoteWriteBodies(), "own-01:9100", ts).snappy()).statusCode());
        long before = stored();
        byte[] mixed = machine(machine(new RemoteWriteBodies(), "own-01:9100", ts + 15_000), "someone-else:9100", ts + 15_000).snappy();
        assertRefused(write(hostToken, mixed), 403, "may not write for host 'someone-else'");
        assertRefused(write(ADMIN, mixed), 403, "writer token");
        assertRefused(write("vgl_not-a-token", mixed), 401, "invalid");
        assertEquals(before, stored());
    }

    @Test
    void samplesOfADeletedHostAreDroppedNotRevived() {
        long ts = now() - 240_000;
        assertEquals(204, write(writer, machine(new RemoteWriteBodies(), "gone-01:9100", ts).snappy()).statusCode());
        assertEquals(204, api.delete("/api/v1/hosts/gone-01", ADMIN).statusCode());

        HttpResponse<String> after = write(writer, machine(new RemoteWriteBodies(), "gone-01:9100", ts + 15_000).snappy());

        assertEquals(204, after.statusCode());
        assertEquals("0", after.headers().firstValue("X-Vigil-Accepted").orElseThrow());
        assertFalse(hosts.findActive("gone-01").isPresent());
    }

    @Test
    void aBodyIsStoredWholeOrNotAtAllAcrossHosts() {
        long ts = now() - 300_000;
        // drain the second host's rate-limit bucket (a sample per 100 s refill, burst 5000) so its part of the next body fails
        RemoteWriteBodies drain = new RemoteWriteBodies();
        for (int i = 0; i < 5000; i++) {
            drain.add("app_gauge", "whole-02:9100", Map.of("i", Integer.toString(i)), 1.0, ts);
        }
        assertEquals(204, write(writer, drain.snappy()).statusCode());
        long before = stored();
        byte[] both = machine(machine(new RemoteWriteBodies(), "whole-01:9100", ts + 15_000), "whole-02:9100", ts + 15_000).snappy();

        HttpResponse<String> limited = write(writer, both);

        assertEquals(429, limited.statusCode(), limited.body());
        assertEquals(before, stored(), "the first host's samples were rolled back with the second's");
        assertTrue(hosts.findActive("whole-01").isEmpty() || latest.forHost(hosts.findActive("whole-01").orElseThrow().id()).isEmpty());
    }
}
