package dev.vigil.ingest.audit;

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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given an operator who registers, relabels and deletes a host, issues and revokes tokens and silences an
 * alert through the API, the audit trail lists each change newest first with its author, and no answer or
 * stored state ever holds one of the secrets handed out on the way.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-audit";
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    dev.vigil.core.host.HostRegistry hosts;
    @Inject
    dev.vigil.core.sample.SampleBatchWriter writer;
    @Inject
    dev.vigil.core.evaluate.EvaluationCycle evaluation;

    ApiClient api;
    JsonAnswers answers;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @BeforeAll
    void client() {
        api = new ApiClient(server.getURI());
        answers = new JsonAnswers(json);
    }

    @Test
    void everyChangeIsListedWithItsAuthorAndNoSecret() {
        long start = System.currentTimeMillis();
        HttpResponse<String> host = api.post("/api/v1/hosts", ADMIN, "{\"name\": \"audit-01\", \"labels\": {\"team\": \"db\"}}");
        assertEquals(201, host.statusCode(), host.body());
        String hostToken = secret(host);
        assertEquals(200, api.put("/api/v1/hosts/audit-01/labels", ADMIN, "{\"team\": \"web\"}").statusCode());

        HttpResponse<String> alice = api.post("/api/v1/tokens", ADMIN, "{\"name\": \"alice\", \"role\": \"admin\"}");
        assertEquals(201, alice.statusCode(), alice.body());
        String aliceToken = secret(alice);
        HttpResponse<String> wall = api.post("/api/v1/tokens", aliceToken, "{\"name\": \"wall\", \"role\": \"viewer\"}");
        String wallToken = secret(wall);

        HttpResponse<String> silence = api.post("/api/v1/silences", aliceToken,
                "{\"matchers\": {\"host\": \"audit-01\"}, \"endsAt\": " + (System.currentTimeMillis() + 3_600_000)
                        + ", \"comment\": \"disk swap\"}");
        assertEquals(201, silence.statusCode(), silence.body());
        Object silenceId = answers.object(silence).get("id");
        assertEquals(204, api.delete("/api/v1/silences/" + silenceId, aliceToken).statusCode());
        assertEquals(204, api.delete("/api/v1/tokens/wall", ADMIN).statusCode());
        assertEquals(204, api.delete("/api/v1/hosts/audit-01", aliceToken).statusCode());

        HttpResponse<String> trail = api.get("/api/v1/audit?since=" + start, ADMIN);
        List<Map<String, Object>> entries = answers.list(trail).stream()
                .filter(e -> e.get("target").toString().contains("audit-01") || List.of("alice", "wall").contains(e.get("target"))
                        || e.get("what").toString().startsWith("silence.")).toList();
        List<String> seen = entries.stream().map(e -> e.get("who") + " " + e.get("what") + " " + e.get("target")).toList();
        assertEquals(List.of(
                "alice host.delete audit-01",
                "admin token.delete wall",
                "alice silence.expire silence " + silenceId,
                "alice silence.create silence " + silenceId,
                "alice token.create wall",
                "admin token.create alice",
                "admin host.labels audit-01",
                "admin host.register audit-01"), seen);

        Map<String, Object> relabel = entries.get(6);
        assertEquals(Map.of("labels", Map.of("team", "db")), relabel.get("before"));
        assertEquals(Map.of("labels", Map.of("team", "web")), relabel.get("after"));
        assertNull(entries.get(7).get("before"));
        assertEquals("viewer", ((Map<?, ?>) entries.get(4).get("after")).get("role"));
        assertEquals("disk swap", ((Map<?, ?>) entries.get(3).get("after")).get("comment"));
        assertTrue(((Map<?, ?>) entries.get(2).get("after")).get("expiredAt") != null, trail.body());

        for (String secret : List.of(hostToken, aliceToken, wallToken, ADMIN)) {
            assertFalse(trail.body().contains(secret), "the trail holds a secret: " + trail.body());
        }
    }

    @Test
    void filtersByAuthorActionFamilyTimeAndLimit() {
        api.post("/api/v1/hosts", ADMIN, "{\"name\": \"audit-filter-01\"}");
        api.post("/api/v1/hosts", ADMIN, "{\"name\": \"audit-filter-02\"}");
        api.delete("/api/v1/hosts/audit-filter-01", ADMIN);

        List<Map<String, Object>> hostChanges = answers.list(api.get("/api/v1/audit?what=host&since=1h", ADMIN));
        assertTrue(hostChanges.stream().allMatch(e -> e.get("what").toString().startsWith("host.")));
        assertTrue(hostChanges.stream().anyMatch(e -> "audit-filter-01".equals(e.get("target"))
                && "host.delete".equals(e.get("what"))));
        List<Map<String, Object>> deletes = answers.list(api.get("/api/v1/audit?what=host.delete&who=admin", ADMIN));
        assertTrue(deletes.stream().allMatch(e -> "host.delete".equals(e.get("what")) && "admin".equals(e.get("who"))));
        assertEquals(1, answers.list(api.get("/api/v1/audit?limit=1", ADMIN)).size());
        assertEquals(List.of(), answers.list(api.get("/api/v1/audit?who=nobody", ADMIN)));
        assertEquals(List.of(), answers.list(api.get("/api/v1/audit?since=" + (System.currentTimeMillis() + 60_000), ADMIN)));

        answers.assertError(api.get("/api/v1/audit?limit=0", ADMIN), 400, "limit");
        answers.assertError(api.get("/api/v1/audit?limit=5000", ADMIN), 400, "limit");
        answers.assertError(api.get("/api/v1/audit?since=yesterday", ADMIN), 400, "since");
    }

    @Test
    void anAcknowledgementIsRecordedOnceWithItsAuthorAndComment() {
        int hostId = hosts.register("audit-ack-01").orElseThrow().host().id();
        writer.write(hostId, List.of(new dev.vigil.core.sample.Sample("disk_used_percent", Map.of("mount", "/"),
                System.currentTimeMillis(), 95)));
        evaluation.runOnce().orElseThrow();
        Object id = answers.list(api.get("/api/v1/alerts?state=firing&host=audit-ack-01", ADMIN)).get(0).get("id");
        assertEquals(200, api.post("/api/v1/alerts/" + id + "/ack", ADMIN, "{\"by\": \"alice\", \"comment\": \"OPS-1\"}").statusCode());
        assertEquals(200, api.post("/api/v1/alerts/" + id + "/ack", ADMIN, "").statusCode());

        List<Map<String, Object>> acks = answers.list(api.get("/api/v1/audit?what=alert.ack", ADMIN)).stream()
                .filter(e -> ("alert " + id).equals(e.get("target"))).toList();
        assertEquals(1, acks.size(), "acknowledging again changes nothing and records nothing: " + acks);
        assertEquals("admin", acks.get(0).get("who"));
        assertEquals(Map.of("acknowledged", true, "by", "alice", "comment", "OPS-1"), acks.get(0).get("after"));
    }

    @Test
    void onlyAnAdminReadsTheTrail() {
        String viewer = secret(api.post("/api/v1/tokens", ADMIN, "{\"name\": \"audit-viewer\", \"role\": \"viewer\"}"));
        assertEquals(403, api.get("/api/v1/audit", viewer).statusCode());
        assertEquals(401, api.get("/api/v1/audit", null).statusCode());
    }

    @Test
    void aSecretNamedFieldIsNeverStoredWhateverTheCallerPasses() throws Exception {
        var redacted = AuditTrail.redact(json.writeValueToTree(Map.of("name", "x", "token", "s3cret",
                "receiver", Map.of("webhook_url", "https://hooks.example/T0/B0/abc", "headers", List.of(Map.of("Authorization", "Bearer z"))))));
        String text = json.writeValueAsString(redacted);
        assertFalse(text.contains("s3cret") || text.contains("hooks.example") || text.contains("Bearer z"), text);
        assertTrue(text.contains("\"name\":\"x\""), text);
    }

    private static String secret(HttpResponse<String> created) {
        Matcher m = TOKEN.matcher(created.body());
        assertTrue(created.statusCode() == 201 && m.find(), created.body());
        return m.group(1);
    }
}
