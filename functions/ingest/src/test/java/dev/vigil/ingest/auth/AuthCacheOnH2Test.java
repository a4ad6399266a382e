package dev.vigil.ingest.auth;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * vigil.auth.cache-ttl: a token revoked through this process stops working on the next request; one revoked
 * behind its back (another process, straight in the database) within the TTL.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthCacheOnH2Test implements TestPropertyProvider {

    private static final String ADMIN = "test-admin-auth-cache";
    private static final long TTL_MS = 1_000;

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    JsonMapper json;
    @Inject
    HostRegistry hosts;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshH2());
        props.put("vigil.admin-token", ADMIN);
        props.put("vigil.auth.cache-ttl", TTL_MS + "ms");
        return props;
    }

    @Test
    void aTokenDeletedElsewhereStopsWorkingWithinTheTtl() throws Exception {
        ApiClient api = new ApiClient(server.getURI());
        HttpResponse<String> created = api.post("/api/v1/tokens", ADMIN, "{\"name\":\"cached\",\"role\":\"viewer\"}");
        assertEquals(201, created.statusCode(), created.body());
        String secret = (String) new JsonAnswers(json).object(created).get("token");
        assertEquals(200, api.get("/api/v1/hosts", secret).statusCode());

        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM api_tokens WHERE name = 'cached'");
        }
        Thread.sleep(TTL_MS + 50);

        HttpResponse<String> after = api.get("/api/v1/hosts", secret);
        assertEquals(401, after.statusCode(), after.body());
    }

    @Test
    void aHostRevokedThroughTheApiStopsWorkingAtOnce() {
        ApiClient api = new ApiClient(server.getURI());
        String token = hosts.register("cached-host").orElseThrow().token();
        assertEquals(403, api.get("/api/v1/hosts", token).statusCode(), "known, but a host may not read");

        assertEquals(204, api.delete("/api/v1/hosts/cached-host", ADMIN).statusCode());

        assertEquals(401, api.get("/api/v1/hosts", token).statusCode());
    }
}
