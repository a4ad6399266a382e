package dev.vigil.ingest.logline;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.logline.LogLine;
import dev.vigil.core.logline.LogLineStore;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/v1/log-lines and GET /api/v1/hosts/{name}/log-lines over a real socket: a good batch is
 * stored and read back, every wrong field is a 400 naming it, the per-host cap holds, old lines expire.
 * Subclasses run it on MariaDB/MySQL and on H2.
 */
abstract class LogLinesApiScenarios implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-loglines";
    static final int CAP = 30;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    HostRegistry hosts;
    @Inject
    LogLineStore store;

    ApiClient api;
    JsonAnswers answers;
    String dbToken;
    String webToken;
    int capHostId;
    String capToken;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("vigil.ingest.log-lines.max-per-host", Integer.toString(CAP),
                "vigil.ingest.log-lines.max-per-request", "40");
    }

    @BeforeAll
    void givenHosts() {
        api = new ApiClient(server.getURI());
        answers = new JsonAnswers(json);
        dbToken = hosts.register("db-01").orElseThrow().token();
        webToken = hosts.register("web-01").orElseThrow().token();
        HostRegistry.Registration cap = hosts.register("chatty-01").orElseThrow();
        capHostId = cap.host().id();
        capToken = cap.token();
    }

    static String line(String log, String pattern, String severity, long ts, String text) {
        return "{\"log\":\"" + log + "\",\"pattern\":\"" + pattern + "\",\"severity\":\"" + severity + "\",\"ts\":" + ts
                + ",\"line\":" + text + "}";
    }

    @Test
    void aGoodBatchIsStoredAndReadBackNewestFirst() {
        long now = System.currentTimeMillis();
        String body = "{\"host\":\"db-01\",\"lines\":["
                + line("mysql-error", "disk-full", "critical", now - 2000, "\"2026-11-29 [ERROR] Disk is full writing <b>binlog</b> & \\\"x\\\"\"") + ","
                + line("mysql-error", "error", "warning", now - 1000, "\"[ERROR] Unknown table 'caf\u00e9'\"") + "]}";
        HttpResponse<String> posted = api.post("/api/v1/log-lines", dbToken, body);
        assertEquals(202, posted.statusCode(), posted.body());
        assertEquals(Map.of("accepted", 2, "trimmed", 0), answers.object(posted));

        List<Map<String, Object>> all = answers.list(api.get("/api/v1/hosts/db-01/log-lines", ADMIN));
        assertEquals(2, all.size());
        assertEquals("[ERROR] Unknown table 'caf\u00e9'", all.get(0).get("line"));
        assertEquals("2026-11-29 [ERROR] Disk is full writing <b>binlog</b> & \"x\"", all.get(1).get("line"));
        assertEquals("critical", all.get(1).get("severity"));

        List<Map<String, Object>> one = answers.list(api.get("/api/v1/hosts/db-01/log-lines?log=mysql-error&pattern=disk-full&since=1h&limit=5", ADMIN));
        assertEquals(1, one.size());
        assertEquals(0, answers.list(api.get("/api/v1/hosts/db-01/log-lines?since=" + (now + 60_000), ADMIN)).size());
        assertEquals(0, answers.list(api.get("/api/v1/hosts/web-01/log-lines", ADMIN)).size(), "another host's lines stay its own");
    }

    static Stream<Arguments> invalidBatches() {
        long now = System.currentTimeMillis();
        String ok = line("l", "p", "warning", now, "\"x\"");
        return Stream.of(
                Arguments.of("{\"host\":\"db-01\"}", "lines"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":{}}", "lines"),
                Arguments.of("{\"lines\":[" + ok + "]}", "host"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + ok + "],\"extra\":1}", "extra"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + ok + ",5]}", "lines[1]"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("", "p", "warning", now, "\"x\"") + "]}", "lines[0].log"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("a b", "p", "warning", now, "\"x\"") + "]}", "lines[0].log"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("l", "x".repeat(65), "warning", now, "\"x\"") + "]}", "lines[0].pattern"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("l", "p", "info", now, "\"x\"") + "]}", "lines[0].severity"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("l", "p", "warning", now + 3_600_000, "\"x\"") + "]}", "lines[0].ts"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[{\"log\":\"l\",\"pattern\":\"p\",\"severity\":\"warning\",\"ts\":\"soon\",\"line\":\"x\"}]}", "lines[0].ts"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("l", "p", "warning", now, "\"\"") + "]}", "lines[0].line"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("l", "p", "warning", now, "42") + "]}", "lines[0].line"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("l", "p", "warning", now, "\"" + "y".repeat(1001) + "\"") + "]}", "lines[0].line"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("l", "p", "warning", now, "\"bell\\u0007\"") + "]}", "lines[0].line"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + line("l", "p", "warning", now, "\"lone \\ud800 surrogate\"") + "]}", "lines[0].line"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[{\"log\":\"l\",\"pattern\":\"p\",\"severity\":\"warning\",\"line\":\"x\",\"colour\":1}]}", "lines[0].colour"),
                Arguments.of("{\"host\":\"db-01\",\"lines\":[" + IntStream.range(0, 41).mapToObj(i -> ok).collect(Collectors.joining(",")) + "]}", "lines"));
    }

    @ParameterizedTest
    @MethodSource("invalidBatches")
    void eachInvalidFieldIsA400NamingIt(String body, String field) {
        answers.assertError(api.post("/api/v1/log-lines", dbToken, body), 400, field);
    }

    @Test
    void malformedBodiesAndWrongSendersAreRefusedClearly() {
        byte[] invalidUtf8 = "{\"host\":\"db-01\",\"lines\":[{\"log\":\"l\",\"pattern\":\"p\",\"severity\":\"warning\",\"line\":\"\u0000\"}]}"
                .replace("\u0000", "X").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 5] = (byte) 0xC3; // an invalid UTF-8 sequence inside the line
        invalidUtf8[invalidUtf8.length - 4] = (byte) 0x28;
        answers.assertError(api.post("/api/v1/log-lines", dbToken, "application/json", invalidUtf8), 400, null);
        answers.assertError(api.post("/api/v1/log-lines", dbToken, "{\"host\":"), 400, null);
        answers.assertError(api.post("/api/v1/log-lines", dbToken, "text/plain", "x".getBytes(StandardCharsets.UTF_8)), 415, null);
        answers.assertError(api.post("/api/v1/log-lines", webToken, "{\"host\":\"db-01\",\"lines\":[]}"), 403, "host");
        answers.assertError(api.post("/api/v1/log-lines", ADMIN, "{\"host\":\"db-01\",\"lines\":[]}"), 403, null);
        answers.assertError(api.post("/api/v1/log-lines", "nope", "{\"host\":\"db-01\",\"lines\":[]}"), 401, null);
        answers.assertError(api.get("/api/v1/hosts/db-01/log-lines", dbToken), 403, null);
        answers.assertError(api.get("/api/v1/hosts/nobody/log-lines", ADMIN), 404, null);
        answers.assertError(api.get("/api/v1/hosts/db-01/log-lines?limit=5000", ADMIN), 400, "limit");
        answers.assertError(api.get("/api/v1/hosts/db-01/log-lines?limit=-1", ADMIN), 400, "limit");
        answers.assertError(api.get("/api/v1/hosts/db-01/log-lines?since=yesterday", ADMIN), 400, "since");
        answers.assertError(api.get("/api/v1/hosts/db-01/log-lines?log=" + "l".repeat(65), ADMIN), 400, "log");
    }

    @Test
    void eachHostIsCappedKeepingTheNewest() {
        long now = System.currentTimeMillis();
        for (int round = 0; round < 2; round++) {
            int r = round;
            String lines = IntStream.range(0, 20).mapToObj(i -> line("app", "error", "warning", now - 100 + r * 20 + i,
                    "\"line " + (r * 20 + i) + "\"")).collect(Collectors.joining(","));
            HttpResponse<String> posted = api.post("/api/v1/log-lines", capToken, "{\"host\":\"chatty-01\",\"lines\":[" + lines + "]}");
            assertEquals(202, posted.statusCode(), posted.body());
            assertEquals(round == 0 ? 0 : 10, ((Number) answers.object(posted).get("trimmed")).intValue());
        }
        List<Map<String, Object>> kept = answers.list(api.get("/api/v1/hosts/chatty-01/log-lines?limit=1000", ADMIN));
        assertEquals(CAP, kept.size());
        assertEquals("line 39", kept.get(0).get("line"));
        assertEquals("line 10", kept.get(CAP - 1).get("line"));
    }

    @Test
    void theRetentionStepDeletesOnlyOldLines() {
        long now = System.currentTimeMillis();
        int hostId = hosts.register("old-01").orElseThrow().host().id();
        store.append(hostId, List.of(new LogLine(null, "app", "error", "warning", now - 9 * 86_400_000L, "nine days old")),
                now - 9 * 86_400_000L);
        store.append(hostId, List.of(new LogLine(null, "app", "error", "warning", now, "fresh")), now);
        long deleted = store.deleteReceivedBefore(now - 7 * 86_400_000L);
        assertTrue(deleted >= 1, "deleted " + deleted);
        List<Map<String, Object>> left = answers.list(api.get("/api/v1/hosts/old-01/log-lines?since=30d", ADMIN));
        assertEquals(List.of("fresh"), left.stream().map(m -> m.get("line")).toList());
    }
}
