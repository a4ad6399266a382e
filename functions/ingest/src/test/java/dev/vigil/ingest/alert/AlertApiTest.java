package dev.vigil.ingest.alert;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.JsonAnswers;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts, acknowledgement, silences and the overview over a real socket, after a real evaluation. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertApiTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-alerts";

    @Inject
    EmbeddedServer server;
    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchWriter writer;
    @Inject
    EvaluationCycle evaluation;
    @Inject
    JsonMapper json;

    ApiClient api;
    String hostToken;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @BeforeAll
    void givenADiskAlmostFullAndOneEvaluation() {
        api = new ApiClient(server.getURI());
        var registration = hosts.register("db-01").orElseThrow();
        hostToken = registration.token();
        long now = System.currentTimeMillis();
        writer.write(registration.host().id(), List.of(
                new Sample("disk_used_percent", Map.of("mount", "/"), now, 93.1),
                new Sample("cpu_usage_percent", Map.of(), now, 10)));
        evaluation.runOnce().orElseThrow();
    }

    @Test
    void listsFiringAlertsWithTheContractFieldsAndFilters() throws IOException {
        List<Map<String, Object>> firing = list(api.get("/api/v1/alerts?state=firing&host=db-01&severity=critical", ADMIN));
        assertEquals(1, firing.size());
        Map<String, Object> alert = firing.get(0);
        assertEquals("DiskSpaceLow", alert.get("rule"));
        assertEquals("db-01", alert.get("host"));
        assertEquals(Map.of("mount", "/"), alert.get("labels"));
        assertEquals("critical", alert.get("severity"));
        assertEquals("firing", alert.get("state"));
        assertEquals(93.1, ((Number) alert.get("value")).doubleValue(), 1e-9);
        assertEquals(32, ((String) alert.get("fingerprint")).length());
        assertNotNull(alert.get("startsAt"));
        assertTrue(((String) alert.get("summary")).startsWith("db-01: disk / is 93.1% full"));
        assertTrue(alert.get("acknowledged") instanceof Boolean);

        assertEquals(0, list(api.get("/api/v1/alerts?state=resolved", ADMIN)).size());
        assertEquals(0, list(api.get("/api/v1/alerts?severity=warning", ADMIN)).size());
        assertError(api.get("/api/v1/alerts?state=burning", ADMIN), 400, "state");
        assertEquals(401, api.get("/api/v1/alerts", null).statusCode());
        assertEquals(403, api.get("/api/v1/alerts", hostToken).statusCode());
    }

    @Test
    void acknowledgingAnAlertMarksItAndIsIdempotent() throws IOException {
        Number id = (Number) list(api.get("/api/v1/alerts?state=firing", ADMIN)).get(0).get("id");
        HttpResponse<String> ack = api.post("/api/v1/alerts/" + id + "/ack", ADMIN, "{\"by\": \"alice\"}");
        assertEquals(200, ack.statusCode(), ack.body());
        assertEquals(true, json.readValue(ack.body(), Map.class).get("acknowledged"));
        assertEquals(200, api.post("/api/v1/alerts/" + id + "/ack", ADMIN, "").statusCode());
        assertEquals(404, api.post("/api/v1/alerts/999999/ack", ADMIN, "").statusCode());
        assertError(api.post("/api/v1/alerts/abc/ack", ADMIN, ""), 400, "id");
        assertEquals(403, api.post("/api/v1/alerts/" + id + "/ack", hostToken, "").statusCode());
    }

    @Test
    void silencesAreCreatedListedAndExpiredAndBadOnesAreRefusedByField() throws IOException {
        long now = System.currentTimeMillis();
        HttpResponse<String> created = api.post("/api/v1/silences", ADMIN,
                "{\"matchers\": {\"host\": \"db-01\"}, \"endsAt\": " + (now + 3_600_000) + ", \"comment\": \"disk swap\"}");
        assertEquals(201, created.statusCode(), created.body());
        Number id = (Number) json.readValue(created.body(), Map.class).get("id");
        HttpResponse<String> weekly = api.post("/api/v1/silences", ADMIN,
                "{\"matchers\": {\"host\": \"db-01\"}, \"cron\": \"0 2 * * SUN\", \"durationMs\": 7200000, \"comment\": \"backup\"}");
        assertEquals(201, weekly.statusCode(), weekly.body());
        assertEquals(2, list(api.get("/api/v1/silences", ADMIN)).size());

        evaluation.runOnce().orElseThrow();
        assertEquals(1, list(api.get("/api/v1/alerts?state=firing", ADMIN)).size(), "silenced alerts are still listed");

        assertError(api.post("/api/v1/silences", ADMIN, "{\"matchers\": {\"host\": \"db-01\"}}"), 400, "endsAt");
        assertError(api.post("/api/v1/silences", ADMIN, "{\"matchers\": {}, \"endsAt\": " + (now + 1000) + "}"), 400, "matchers");
        assertError(api.post("/api/v1/silences", ADMIN,
                "{\"matchers\": {\"host\": \"db-01\"}, \"cron\": \"every sunday\", \"durationMs\": 1000}"), 400, "cron");
        assertError(api.post("/api/v1/silences", ADMIN, "{\"matchers\": {\"host\": 1}, \"endsAt\": 5}"), 400, "matchers.host");
        assertEquals(415, api.post("/api/v1/silences", ADMIN, "text/plain", "x".getBytes()).statusCode());

        assertEquals(204, api.delete("/api/v1/silences/" + id, ADMIN).statusCode());
        assertEquals(1, list(api.get("/api/v1/silences", ADMIN)).size());
        assertEquals(404, api.delete("/api/v1/silences/424242", ADMIN).statusCode());
    }

    @Test
    void theOverviewCountsHostsFiringAlertsTheLastEvaluationAndRecentSamples() throws IOException {
        HttpResponse<String> response = api.get("/api/v1/overview", ADMIN);
        assertEquals(200, response.statusCode(), response.body());
        Map<?, ?> overview = json.readValue(response.body(), Map.class);
        assertEquals(Map.of("total", 1, "up", 1, "down", 0), overview.get("hosts"));
        assertEquals(1, ((Map<?, ?>) overview.get("firing")).get("critical"));
        assertNotNull(overview.get("lastEvaluationAt"));
        assertEquals(2, overview.get("samplesLastMinute"));
        assertEquals(403, api.get("/api/v1/overview", hostToken).statusCode());
    }

    List<Map<String, Object>> list(HttpResponse<String> response) {
        return new JsonAnswers(json).list(response);
    }

    void assertError(HttpResponse<String> response, int status, String field) {
        new JsonAnswers(json).assertError(response, status, field);
    }
}
