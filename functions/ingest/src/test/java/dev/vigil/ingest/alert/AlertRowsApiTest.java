package dev.vigil.ingest.alert;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's alert rows after a real evaluation: unit text, runbook, acknowledgement and silence shown per row. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertRowsApiTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-alert-rows";

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

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Test
    void aFiringRowCarriesItsValueTextRunbookAndThenItsAcknowledgementAndSilence() throws IOException {
        ApiClient api = new ApiClient(server.getURI());
        var registration = hosts.register("web-01").orElseThrow();
        long now = System.currentTimeMillis();
        writer.write(registration.host().id(), List.of(new Sample("disk_used_percent", Map.of("mount", "/"), now, 95.5)));
        evaluation.runOnce().orElseThrow();

        Map<String, Object> row = only(api.get("/api/v1/alert-rows?state=firing&rule=DiskSpaceLow&host=web-01", ADMIN));
        assertEquals("critical", row.get("severity"));
        assertTrue(String.valueOf(row.get("valueText")).contains("95.5"), row.toString());
        assertEquals(false, row.get("acknowledged"));
        assertEquals(false, row.get("silenced"));
        assertTrue(row.containsKey("runbookUrl"), row.toString());

        long id = ((Number) row.get("id")).longValue();
        assertEquals(200, api.post("/api/v1/alerts/" + id + "/ack", ADMIN, "{\"by\": \"alice\", \"comment\": \"on it\"}").statusCode());
        assertEquals(201, api.post("/api/v1/silences", ADMIN, "{\"matchers\": {\"host\": \"web-01\"}, \"endsAt\": "
                + (now + 3_600_000) + "}").statusCode());
        evaluation.runOnce().orElseThrow();
        Map<String, Object> after = only(api.get("/api/v1/alert-rows?state=firing&host=web-01", ADMIN));
        assertEquals(true, after.get("acknowledged"));
        assertEquals("alice", after.get("acknowledgedBy"));
        assertEquals("on it", after.get("acknowledgedComment"));
        assertEquals(true, after.get("silenced"));

        assertEquals(0, list(api.get("/api/v1/alert-rows?rule=NoSuchRule", ADMIN)).size());
        HttpResponse<String> bad = api.get("/api/v1/alert-rows?state=burning", ADMIN);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"state\""), bad.body());
        assertEquals(401, api.get("/api/v1/alert-rows", null).statusCode());
    }

    private Map<String, Object> only(HttpResponse<String> answer) throws IOException {
        List<Map<String, Object>> rows = list(answer);
        assertEquals(1, rows.size(), answer.body());
        return rows.get(0);
    }

    private List<Map<String, Object>> list(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonAnswers(json).list(answer);
    }
}
