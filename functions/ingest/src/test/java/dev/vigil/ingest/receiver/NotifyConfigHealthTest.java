package dev.vigil.ingest.receiver;

import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A routing file that breaks after start keeps the last good routing; /health says DEGRADED with the reason until it is fixed. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifyConfigHealthTest implements TestPropertyProvider {

    static final String ADMIN = "test-admin-token-notify-health";
    static final String GOOD = """
            route:
              receiver: ops
            receivers:
              - name: ops
                webhook_configs:
                  - url: http://127.0.0.1:9/hook
            """;

    Path file;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            file = Files.createTempFile("alertmanager", ".yml");
            Files.writeString(file, GOOD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new HashMap<>(TestDatabase.freshMysql());
        p.put("vigil.admin-token", ADMIN);
        p.put("vigil.notify.config-file", file.toString());
        return p;
    }

    @Test
    void aBrokenReloadIsReportedUntilFixed() throws IOException {
        ApiClient api = new ApiClient(server.getURI());
        String before = api.get("/health", null).body();
        assertTrue(before.contains("\"status\":\"UP\""), before);

        Files.writeString(file, GOOD.replace("receiver: ops", "receiver: ops\n  group_wiat: 10s"));
        HttpResponse<String> degraded = api.get("/health", null);
        assertEquals(200, degraded.statusCode());
        assertTrue(degraded.body().contains("\"status\":\"DEGRADED\""), degraded.body());
        assertTrue(degraded.body().contains("line 3: group_wiat: unknown key in route"), degraded.body());
        assertTrue(api.get("/api/v1/receivers", ADMIN).body().contains("\"name\":\"ops\""), "the last good routing still serves");

        Files.writeString(file, GOOD);
        String fixed = api.get("/health", null).body();
        assertTrue(fixed.contains("\"status\":\"UP\""), fixed);
    }
}
