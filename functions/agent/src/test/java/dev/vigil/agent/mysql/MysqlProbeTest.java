package dev.vigil.agent.mysql;

import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Against the local MariaDB (127.0.0.1:3306, root, empty password) and against a port nobody listens on. */
class MysqlProbeTest {

    private static double value(List<Sample> samples, String metric) {
        return samples.stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow().value();
    }

    @Test
    void liveServerIsUpWithLatencyAndSchemaSizes() {
        List<Sample> s = new MysqlProbe(new MysqlSettings("jdbc:mysql://127.0.0.1:3306/", "root", "", List.of())).collect(7);
        assertEquals(1, value(s, "mysql_up"));
        double latency = value(s, "mysql_query_latency_ms");
        assertTrue(latency > 0 && latency < 2_000, "latency " + latency);
        List<Sample> sizes = s.stream().filter(x -> x.metric().equals("mysql_database_size_bytes")).toList();
        assertTrue(sizes.stream().noneMatch(x -> x.labels().get("schema").equals("information_schema")));
        sizes.forEach(x -> assertTrue(x.value() >= 0));
    }

    @Test
    void schemaFilterLimitsTheSizeReport() {
        List<Sample> s = new MysqlProbe(new MysqlSettings("jdbc:mysql://127.0.0.1:3306/", "root", "", List.of("mysql"))).collect(7);
        List<Sample> sizes = s.stream().filter(x -> x.metric().equals("mysql_database_size_bytes")).toList();
        assertEquals(1, sizes.size());
        assertEquals("mysql", sizes.get(0).labels().get("schema"));
        assertTrue(sizes.get(0).value() > 0);
    }

    @Test
    void closedPortIsAValueNotACrash() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long started = System.nanoTime();
        List<Sample> s = new MysqlProbe(new MysqlSettings("jdbc:mysql://127.0.0.1:" + port + "/", "ro", "x", List.of())).collect(7);
        assertEquals(List.of(Sample.of("mysql_up", 7, 0)), s);
        assertTrue(System.nanoTime() - started < 5_000_000_000L);
    }
}
