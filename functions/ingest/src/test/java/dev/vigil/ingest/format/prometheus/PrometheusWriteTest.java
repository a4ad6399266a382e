package dev.vigil.ingest.format.prometheus;

import dev.vigil.ingest.format.IngestFormatCompatibilityTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class PrometheusWriteTest extends IngestFormatCompatibilityTest {

    @Override
    protected String path(String host) {
        return "/api/v1/write/prometheus/" + host;
    }

    @Override
    protected String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    protected String machineBody(String host, long ts) {
        return """
                # HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.
                # TYPE node_memory_MemTotal_bytes gauge
                node_memory_MemTotal_bytes 1000 %1$d
                node_memory_MemAvailable_bytes 250 %1$d
                # TYPE node_filesystem_avail_bytes gauge
                node_filesystem_avail_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} 50 %1$d
                node_filesystem_free_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} 50 %1$d
                node_filesystem_size_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} 1000 %1$d
                node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1 %1$d
                node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1000 %1$d
                node_load5 0.5 %1$d
                """.formatted(ts);
    }

    @Override
    protected String bodyWithOneBadEntry(String host, long ts) {
        return """
                # TYPE node_load1 gauge
                node_load1 0.5 %1$d
                node_load5{broken="yes} 0.5 %1$d
                node_load15 0.5 %1$d
                """.formatted(ts);
    }

    @Override
    protected String badLocation() {
        return "line 3: label value is not closed";
    }

    @Override
    protected String gauges(String host, int count, long ts) {
        StringBuilder body = new StringBuilder("# TYPE custom_gauge gauge\n");
        for (int i = 0; i < count; i++) {
            body.append("custom_gauge{i=\"").append(i).append("\"} ").append(i).append(' ').append(ts).append('\n');
        }
        return body.toString();
    }

    @Test
    void dropsAndCountsNaNAndInfinityInsteadOfRefusingTheScrape() {
        long ts = nowMillis() - 400_000;
        HttpResponse<String> response = post(hostToken, """
                node_hwmon_temp_celsius{chip="a"} NaN %1$d
                node_hwmon_temp_celsius{chip="b"} +Inf %1$d
                node_hwmon_temp_celsius{chip="c"} 41.5 %1$d
                """.formatted(ts));
        assertEquals(202, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"accepted\":1") && response.body().contains("\"dropped\":2"), response.body());
        assertEquals(41.5, latestValue(HOST, "node_hwmon_temp_celsius", Map.of("chip", "c")).orElseThrow().value());
    }

    @Test
    void countersBecomeRatesAcrossRequests() {
        long ts = nowMillis() - 500_000;
        String scrape = """
                # TYPE http_requests_total counter
                http_requests_total{code="200"} %d %d
                """;
        HttpResponse<String> first = post(hostToken, scrape.formatted(100, ts));
        assertEquals(202, first.statusCode(), first.body());
        assertTrue(latestValue(HOST, "http_requests_per_second", Map.of()).isEmpty(), "first sight yields no rate");
        HttpResponse<String> second = post(hostToken, scrape.formatted(400, ts + 10_000));
        assertEquals(202, second.statusCode(), second.body());
        assertEquals(30.0, latestValue(HOST, "http_requests_per_second", Map.of("code", "200")).orElseThrow().value(), 1e-9);
    }

    @Test
    void acceptsThePushgatewayPathShapeAsCurlSendsIt() {
        long ts = nowMillis() - 600_000;
        HttpResponse<String> response = api.post("/api/v1/write/prometheus/metrics/job/backup/instance/" + HOST, hostToken,
                "application/x-www-form-urlencoded",
                ("# TYPE backup_last_success_seconds gauge\nbackup_last_success_seconds 1.7e9 " + ts + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(1.7e9, latestValue(HOST, "backup_last_success_seconds", Map.of("job", "backup")).orElseThrow().value());
        assertRefused(api.post("/api/v1/write/prometheus/metrics/job/backup/instance/" + OTHER_HOST, hostToken,
                "text/plain", "x 1\n".getBytes(StandardCharsets.UTF_8)), 403, "may not write");
    }
}
