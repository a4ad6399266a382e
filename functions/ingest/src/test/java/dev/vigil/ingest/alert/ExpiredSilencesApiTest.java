package dev.vigil.ingest.alert;

import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The silences page's "expired" tab: what GET /api/v1/silences no longer lists, on MariaDB. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiredSilencesApiTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-expired-silences";

    @Inject
    EmbeddedServer server;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Test
    void anExpiredSilenceMovesFromTheCurrentListToTheExpiredOneAndAViewerMayReadButNotChange() {
        ApiClient api = new ApiClient(server.getURI());
        long now = System.currentTimeMillis();
        String kept = id(api.post("/api/v1/silences", ADMIN, "{\"matchers\": {\"host\": \"db-01\"}, \"endsAt\": " + (now + 3_600_000)
                + ", \"comment\": \"kept\"}"));
        String ended = id(api.post("/api/v1/silences", ADMIN, "{\"matchers\": {\"host\": \"db-02\"}, \"endsAt\": " + (now + 3_600_000)
                + ", \"comment\": \"ended by hand\"}"));
        assertEquals(204, api.delete("/api/v1/silences/" + ended, ADMIN).statusCode());

        String current = api.get("/api/v1/silences", ADMIN).body();
        HttpResponse<String> expired = api.get("/api/v1/silences/expired", ADMIN);
        assertEquals(200, expired.statusCode(), expired.body());
        assertTrue(current.contains("\"id\":" + kept) && !current.contains("\"id\":" + ended), current);
        assertTrue(expired.body().contains("\"id\":" + ended) && expired.body().contains("ended by hand"), expired.body());
        assertFalse(expired.body().contains("\"id\":" + kept + ","), expired.body());

        HttpResponse<String> viewer = api.post("/api/v1/tokens", ADMIN, "{\"name\": \"wall\", \"role\": \"viewer\"}");
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(viewer.body());
        assertTrue(token.find(), viewer.body());
        assertEquals(200, api.get("/api/v1/silences/expired", token.group(1)).statusCode());
        assertEquals(403, api.post("/api/v1/silences", token.group(1), "{\"matchers\": {\"host\": \"x\"}, \"endsAt\": "
                + (now + 60_000) + "}").statusCode());
        assertEquals(403, api.delete("/api/v1/silences/" + kept, token.group(1)).statusCode());
        assertEquals(400, api.get("/api/v1/silences/expired?limit=0", ADMIN).statusCode());
    }

    private static String id(HttpResponse<String> created) {
        assertEquals(201, created.statusCode(), created.body());
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*([0-9]+)").matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }
}
