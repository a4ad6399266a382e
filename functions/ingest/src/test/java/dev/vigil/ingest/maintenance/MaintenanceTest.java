package dev.vigil.ingest.maintenance;

import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.time.AdjustableClock;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given a host with a firing alert, when an admin puts it in maintenance for an hour, then evaluation mutes
 * its alert, the silence says maintenance, the host list, host answer and overview say "in maintenance";
 * an hour later (adjustable clock) it has ended by itself; DELETE ends a second one early.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintenanceTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-maintenance";
    static final String HOST = "mnt-01";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AdjustableClock clock;
    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchWriter writer;
    @Inject
    EvaluationCycle evaluation;

    ApiClient api;
    JsonAnswers answers;
    int hostId;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AdminApiTestProperties.super.getProperties());
        props.put("test.adjustable-clock", "true");
        return props;
    }

    @BeforeAll
    void givenAHostWithADiskAlmostFull() {
        api = new ApiClient(server.getURI());
        answers = new JsonAnswers(json);
        hostId = hosts.register(HOST).orElseThrow().host().id();
        diskAlmostFullAndEvaluate();
    }

    @Test
    void maintenanceMutesTheHostAndEndsByItself() {
        assertFalse(alertSilenced(), "not muted before maintenance");
        long until = clock.millis() + Duration.ofHours(1).toMillis();

        HttpResponse<String> started = api.post("/api/v1/hosts/" + HOST + "/maintenance", ADMIN,
                "{\"until\": " + until + ", \"comment\": \"kernel update\"}");
        assertEquals(201, started.statusCode(), started.body());
        Map<String, Object> m = answers.object(started);
        assertEquals(until, ((Number) m.get("until")).longValue());
        assertEquals("admin", m.get("by"));

        Map<String, Object> silence = answers.list(api.get("/api/v1/silences", ADMIN)).stream()
                .filter(s -> s.get("id").equals(m.get("silenceId"))).findFirst().orElseThrow();
        assertEquals(Map.of("host", HOST), silence.get("matchers"));
        assertEquals("maintenance: kernel update", silence.get("comment"));
        assertEquals("maintenance by admin", silence.get("createdBy"));
        assertEquals(until, ((Number) silence.get("endsAt")).longValue());

        Map<String, Object> host = answers.object(api.get("/api/v1/hosts/" + HOST, ADMIN));
        assertEquals(true, host.get("inMaintenance"));
        assertEquals("kernel update", ((Map<?, ?>) host.get("maintenance")).get("comment"));
        assertEquals(true, listed().get("inMaintenance"));
        List<?> overview = (List<?>) answers.object(api.get("/api/v1/overview", ADMIN)).get("inMaintenance");
        assertEquals(HOST, ((Map<?, ?>) overview.get(0)).get("host"));
        assertTrue(answers.object(api.get("/api/v1/overview", ADMIN)).containsKey("hosts"), "core's numbers stay at the top");

        diskAlmostFullAndEvaluate();
        assertTrue(alertSilenced(), "evaluation mutes the host's alert");

        clock.advance(Duration.ofMinutes(61));
        diskAlmostFullAndEvaluate();
        assertFalse(alertSilenced(), "maintenance ended by itself");
        assertEquals(false, listed().get("inMaintenance"));
        assertNull(listed().get("maintenance"));
        assertEquals(404, api.get("/api/v1/hosts/" + HOST + "/maintenance", ADMIN).statusCode());
        assertEquals(List.of(), answers.object(api.get("/api/v1/overview", ADMIN)).get("inMaintenance"));
    }

    @Test
    void deleteEndsItEarlyAndEachStepIsAudited() {
        long start = clock.millis();
        String until = java.time.Instant.ofEpochMilli(clock.millis() + 7_200_000).toString();
        assertEquals(201, api.post("/api/v1/hosts/" + HOST + "/maintenance", ADMIN, "{\"until\": \"" + until + "\"}").statusCode());
        assertEquals(200, api.get("/api/v1/hosts/" + HOST + "/maintenance", ADMIN).statusCode());
        assertEquals(204, api.delete("/api/v1/hosts/" + HOST + "/maintenance", ADMIN).statusCode());
        assertEquals(false, listed().get("inMaintenance"));
        assertEquals(404, api.delete("/api/v1/hosts/" + HOST + "/maintenance", ADMIN).statusCode());

        List<String> trail = answers.list(api.get("/api/v1/audit?what=maintenance&since=" + start, ADMIN)).stream()
                .map(e -> e.get("who") + " " + e.get("what") + " " + e.get("target")).toList();
        assertEquals(List.of("admin maintenance.end " + HOST, "admin maintenance.start " + HOST), trail);
    }

    @Test
    void badRequestsAreRefusedByField() {
        String path = "/api/v1/hosts/" + HOST + "/maintenance";
        answers.assertError(api.post(path, ADMIN, "{\"comment\": \"x\"}"), 400, "until");
        answers.assertError(api.post(path, ADMIN, "{\"until\": " + (clock.millis() - 1) + "}"), 400, "until");
        answers.assertError(api.post(path, ADMIN, "{\"until\": \"next week\"}"), 400, "until");
        answers.assertError(api.post(path, ADMIN, "{\"until\": " + (clock.millis() + 60_000) + ", \"comment\": 5}"), 400, "comment");
        answers.assertError(api.post(path, ADMIN, "{\"until\": " + (clock.millis() + 60_000) + ", \"why\": \"x\"}"), 400, "why");
        assertEquals(404, api.post("/api/v1/hosts/nope/maintenance", ADMIN, "{\"until\": " + (clock.millis() + 60_000) + "}").statusCode());
        assertEquals(401, api.post(path, null, "{\"until\": " + (clock.millis() + 60_000) + "}").statusCode());
        String viewer = answers.object(api.post("/api/v1/tokens", ADMIN, "{\"name\": \"mnt-viewer\", \"role\": \"viewer\"}"))
                .get("token").toString();
        assertEquals(403, api.post(path, viewer, "{\"until\": " + (clock.millis() + 60_000) + "}").statusCode());
        assertEquals(403, api.delete(path, viewer).statusCode());
    }

    private void diskAlmostFullAndEvaluate() {
        writer.write(hostId, List.of(new Sample("disk_used_percent", Map.of("mount", "/"), clock.millis(), 93.1)));
        evaluation.runOnce().orElseThrow();
    }

    private boolean alertSilenced() {
        List<Map<String, Object>> firing = answers.list(api.get("/api/v1/alerts?state=firing&host=" + HOST, ADMIN));
        Map<String, Object> disk = firing.stream().filter(a -> "DiskSpaceLow".equals(a.get("rule"))).findFirst().orElseThrow();
        return (Boolean) answers.object(api.get("/api/v1/alerts/" + disk.get("id"), ADMIN)).get("silenced");
    }

    private Map<String, Object> listed() {
        return answers.list(api.get("/api/v1/hosts", ADMIN)).stream().filter(h -> HOST.equals(h.get("name"))).findFirst().orElseThrow();
    }
}
