package dev.vigil.ingest.format.collectd;

import dev.vigil.ingest.format.IngestFormatCompatibilityTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class CollectdWriteTest extends IngestFormatCompatibilityTest {

    @Override
    protected String path(String host) {
        return "/api/v1/write/collectd";
    }

    @Override
    protected String contentType() {
        return "application/json";
    }

    static String gauge(String host, long ts, String plugin, String pluginInstance, String type, String typeInstance, double value) {
        return ("{\"values\":[%s],\"dstypes\":[\"gauge\"],\"dsnames\":[\"value\"],\"time\":%.3f,\"interval\":10.000,"
                + "\"host\":\"%s\",\"plugin\":\"%s\",\"plugin_instance\":\"%s\",\"type\":\"%s\",\"type_instance\":\"%s\"}")
                .formatted(value, ts / 1000.0, host, plugin, pluginInstance, type, typeInstance);
    }

    @Override
    protected String machineBody(String host, long ts) {
        return "[" + String.join(",\n",
                gauge(host, ts, "memory", "", "memory", "used", 700),
                gauge(host, ts, "memory", "", "memory", "buffered", 50),
                gauge(host, ts, "memory", "", "memory", "cached", 100),
                gauge(host, ts, "memory", "", "memory", "free", 50),
                gauge(host, ts, "memory", "", "memory", "slab_recl", 50),
                gauge(host, ts, "memory", "", "memory", "slab_unrecl", 50),
                gauge(host, ts, "df", "root", "df_complex", "free", 50),
                gauge(host, ts, "df", "root", "df_complex", "reserved", 0),
                gauge(host, ts, "df", "root", "df_complex", "used", 950),
                gauge(host, ts, "df", "dev-shm", "df_complex", "free", 1),
                gauge(host, ts, "df", "dev-shm", "df_complex", "used", 999)) + "]";
    }

    @Override
    protected String bodyWithOneBadEntry(String host, long ts) {
        return "[" + gauge(host, ts, "load", "", "load", "", 1) + ",\n"
                + gauge(host, ts, "memory", "", "memory", "free", 1) + ",\n"
                + "{\"values\":[1,2],\"dstypes\":[\"gauge\"],\"dsnames\":[\"a\",\"b\"],\"time\":1,\"host\":\"" + host
                + "\",\"plugin\":\"x\",\"type\":\"y\"}]";
    }

    @Override
    protected String badLocation() {
        return "value list 2 (line 3, column 2): values, dstypes and dsnames must have the same length";
    }

    @Override
    protected String gauges(String host, int count, long ts) {
        StringBuilder body = new StringBuilder("[");
        for (int list = 0; list * 100 < count; list++) {
            int n = Math.min(100, count - list * 100);
            StringBuilder values = new StringBuilder();
            StringBuilder types = new StringBuilder();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String sep = i == 0 ? "" : ",";
                values.append(sep).append(i);
                types.append(sep).append("\"gauge\"");
                names.append(sep).append("\"d").append(i).append('"');
            }
            body.append(list == 0 ? "" : ",").append("{\"values\":[").append(values).append("],\"dstypes\":[").append(types)
                    .append("],\"dsnames\":[").append(names).append("],\"time\":").append(ts / 1000.0)
                    .append(",\"host\":\"").append(host).append("\",\"plugin\":\"custom\",\"plugin_instance\":\"l")
                    .append(list).append("\",\"type\":\"g\"}");
        }
        return body.append(']').toString();
    }

    static String derive(String host, long ts, String plugin, String pluginInstance, String type, String typeInstance, long... values) {
        String[] names = values.length == 2 ? new String[]{"\"rx\"", "\"tx\""} : new String[]{"\"value\""};
        StringBuilder v = new StringBuilder();
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            v.append(i == 0 ? "" : ",").append(values[i]);
            t.append(i == 0 ? "" : ",").append("\"derive\"");
        }
        return ("{\"values\":[%s],\"dstypes\":[%s],\"dsnames\":[%s],\"time\":%.3f,\"interval\":1.000,\"host\":\"%s\","
                + "\"plugin\":\"%s\",\"plugin_instance\":\"%s\",\"type\":\"%s\",\"type_instance\":\"%s\"}")
                .formatted(v, t, String.join(",", names), ts / 1000.0, host, plugin, pluginInstance, type, typeInstance);
    }

    @Test
    void deriveValuesBecomeRatesAndCpuJiffiesBecomePercent() {
        long ts = nowMillis() - 700_000;
        String first = "[" + String.join(",",
                derive(HOST, ts, "interface", "eth0", "if_octets", "", 1_000, 2_000),
                derive(HOST, ts, "cpu", "0", "cpu", "idle", 1_000),
                derive(HOST, ts, "cpu", "0", "cpu", "user", 500),
                derive(HOST, ts, "cpu", "0", "cpu", "wait", 10)) + "]";
        HttpResponse<String> response = post(hostToken, first);
        assertEquals(202, response.statusCode(), response.body());
        assertTrue(latestValue(HOST, "net_rx_bytes_per_second", Map.of()).isEmpty(), "first sight yields no rate");
        String second = "[" + String.join(",",
                derive(HOST, ts + 10_000, "interface", "eth0", "if_octets", "", 11_000, 4_000),
                derive(HOST, ts + 10_000, "cpu", "0", "cpu", "idle", 1_700),
                derive(HOST, ts + 10_000, "cpu", "0", "cpu", "user", 700),
                derive(HOST, ts + 10_000, "cpu", "0", "cpu", "wait", 110)) + "]";
        assertEquals(202, post(hostToken, second).statusCode());
        assertEquals(1_000.0, latestValue(HOST, "net_rx_bytes_per_second", Map.of("iface", "eth0")).orElseThrow().value(), 1e-9);
        assertEquals(200.0, latestValue(HOST, "net_tx_bytes_per_second", Map.of("iface", "eth0")).orElseThrow().value(), 1e-9);
        assertEquals(20.0, latestValue(HOST, "cpu_usage_percent", Map.of()).orElseThrow().value(), 1e-9);
        assertEquals(10.0, latestValue(HOST, "cpu_iowait_percent", Map.of()).orElseThrow().value(), 1e-9);
    }

    @Test
    void valueListsForAnotherHostAreRefused() {
        assertRefused(post(hostToken, "[" + gauge(OTHER_HOST, nowMillis(), "load", "", "load", "", 1) + "]"),
                403, "may not write for host 'web-01'");
    }
}
