package dev.vigil.local;

import dev.vigil.agent.Agent;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.spool.SpoolSettings;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped agent (real OSHI probe, real HTTP) posting to a real ingest server over a real MySQL
 * database: samples land under the contract's names, and an ingest outage loses nothing.
 */
class AgentToIngestTest {

    @TempDir
    Path spool;

    Map<String, Object> properties;
    int port;
    EmbeddedServer ingest;
    Agent agent;
    String token;

    @BeforeEach
    void startIngest() throws Exception {
        properties = new HashMap<>(TestDatabase.freshMysql());
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.put("vigil.admin-token", "e2e-admin");
        properties.put("test.record-arrivals", "true");
        ingest = ApplicationContext.run(EmbeddedServer.class, properties);
        token = ingest.getApplicationContext().getBean(HostRegistry.class).register("agent-host").orElseThrow().token();
        ArrivalRecordingIngestor.ARRIVALS.clear();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    Agent startAgent() {
        AgentConfig config = AgentConfig.builder(URI.create("http://127.0.0.1:" + port), "agent-host", token)
                .interval(Duration.ofSeconds(1))
                .spool(new SpoolSettings(spool, SpoolSettings.DEFAULT_MAX_BYTES))
                .build();
        return Agent.start(config);
    }

    @Test
    void agentSamplesLandInMysqlUnderTheContractNames() throws Exception {
        agent = startAgent();
        LatestValueQuery latest = ingest.getApplicationContext().getBean(LatestValueQuery.class);
        int hostId = ingest.getApplicationContext().getBean(HostRegistry.class).findActive("agent-host").orElseThrow().id();
        Set<String> wanted = Set.of("cpu_usage_percent", "cpu_iowait_percent", "cpu_count", "load1", "load5", "load15",
                "memory_used_percent", "memory_used_bytes", "memory_total_bytes", "disk_used_percent", "disk_free_bytes",
                "disk_total_bytes", "process_count", "uptime_seconds");
        List<SeriesValue> values = List.of();
        for (int i = 0; i < 150; i++) {
            values = latest.forHost(hostId);
            if (values.stream().map(SeriesValue::metric).collect(Collectors.toSet()).containsAll(wanted)) {
                break;
            }
            Thread.sleep(100);
        }
        Set<String> stored = values.stream().map(SeriesValue::metric).collect(Collectors.toSet());
        assertTrue(stored.containsAll(wanted), "missing " + wanted.stream().filter(w -> !stored.contains(w)).toList());
        for (SeriesValue v : values) {
            if (v.metric().endsWith("_percent")) {
                assertTrue(v.value() >= 0 && v.value() <= 100, v.toString());
            }
            if (v.metric().startsWith("disk_")) {
                assertTrue(v.labels().containsKey("mount") && v.labels().containsKey("fstype"), v.toString());
                assertTrue(!v.labels().get("fstype").equals("tmpfs") && !v.labels().get("fstype").equals("proc"), v.toString());
            }
        }
    }

    @Test
    void anIngestOutageLosesNothingAndDeliversInOrderExactlyOnce() throws Exception {
        agent = startAgent();
        DataSource ds = ingest.getApplicationContext().getBean(DataSource.class);
        waitUntil(() -> ArrivalRecordingIngestor.ARRIVALS.size() >= 2, "first batches arrive");

        ingest.close();
        ingest = null;
        Thread.sleep(6_000); // about six batches are collected while ingest is away
        assertTrue(agent.spooledBatches() >= 3, "batches wait in the spool: " + agent.spooledBatches());
        int collectedDuringOutage = agent.spooledBatches();

        ingest = ApplicationContext.run(EmbeddedServer.class, properties);
        waitUntil(() -> agent.spooledBatches() == 0 && ArrivalRecordingIngestor.ARRIVALS.size() >= 2 + collectedDuringOutage,
                "the spool drains after ingest returns");
        agent.close();
        agent = null;

        List<Long> arrivals = new ArrayList<>(ArrivalRecordingIngestor.ARRIVALS);
        List<Long> sorted = new ArrayList<>(arrivals);
        sorted.sort(Long::compare);
        assertEquals(sorted, arrivals, "batches arrive in the order they were collected");
        assertEquals(arrivals.stream().distinct().count(), arrivals.size(), "no batch is delivered twice");

        DataSource fresh = ingest.getApplicationContext().getBean(DataSource.class);
        long storedTicks = Sql.count(fresh, "SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id"
                + " WHERE r.metric = 'uptime_seconds'");
        assertEquals(arrivals.size(), storedTicks, "every collected batch is stored exactly once");
        assertTrue(ds != null);
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(100);
        }
    }
}
