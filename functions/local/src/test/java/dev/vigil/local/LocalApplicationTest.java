package dev.vigil.local;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The all-in-one on its embedded default: starts, samples this machine, keeps its data across restarts. */
class LocalApplicationTest {

    @TempDir
    Path data;

    EmbeddedServer start() {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", "-1",
                "vigil.local.data-dir", data.toString(),
                "vigil.local.agent-interval", "1s",
                "vigil.local.host-name", "laptop-01",
                "datasources.default.url", "jdbc:h2:file:" + data.resolve("vigil")
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=VALUE"),
                "local");
    }

    @Test
    void samplesThisMachineAndKeepsDataAndTokensAcrossRestarts() throws Exception {
        String adminToken;
        try (EmbeddedServer server = start()) {
            Path tokenFile = data.resolve("admin-token");
            assertTrue(Files.isRegularFile(tokenFile));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            adminToken = Files.readString(tokenFile).trim();

            LatestValueQuery latest = server.getApplicationContext().getBean(LatestValueQuery.class);
            HostRegistry hosts = server.getApplicationContext().getBean(HostRegistry.class);
            int hostId = hosts.findActive("laptop-01").orElseThrow().id();
            Set<String> metrics = waitForMetrics(latest, hostId, Set.of("cpu_usage_percent", "memory_used_percent", "disk_used_percent"));
            assertTrue(metrics.containsAll(Set.of("memory_used_percent", "disk_used_percent", "load1", "uptime_seconds")), metrics.toString());

            HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/hosts"))
                    .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode());
            assertTrue(listed.body().contains("\"name\":\"laptop-01\""), listed.body());
        }

        try (EmbeddedServer again = start()) {
            assertEquals(adminToken, Files.readString(data.resolve("admin-token")).trim(), "same admin token");
            HostRegistry hosts = again.getApplicationContext().getBean(HostRegistry.class);
            assertEquals(1, hosts.listActive().size(), "the machine is registered once");
            LatestValueQuery latest = again.getApplicationContext().getBean(LatestValueQuery.class);
            assertTrue(latest.forHost(hosts.findActive("laptop-01").orElseThrow().id()).size() > 5, "data of the first run is kept");
        }
    }

    static Set<String> waitForMetrics(LatestValueQuery latest, int hostId, Set<String> wanted) throws InterruptedException {
        Set<String> metrics = Set.of();
        for (int i = 0; i < 100 && !metrics.containsAll(wanted); i++) {
            Thread.sleep(200);
            List<SeriesValue> values = latest.forHost(hostId);
            metrics = values.stream().map(SeriesValue::metric).collect(Collectors.toSet());
        }
        assertTrue(metrics.containsAll(wanted), "stored metrics " + metrics);
        return metrics;
    }
}
