package dev.vigil.ingest.rule;

import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules through the API over a real socket, with an operator rules file in place: listing with sources,
 * create, validation naming each field, read-only file and default rules, history and rollback, roles.
 * Subclasses run it on MariaDB/MySQL and on H2 (the local app's engine).
 */
abstract class RulesApiScenarios implements TestPropertyProvider {

    static final String ADMIN = "test-admin-token-rules";
    static final String FILE_RULES = """
            rules:
              - name: FileOnlyRule
                metric: custom_metric
                warning: 5
            overrides:
              - {rule: DiskSpaceLow, host: "backup-.*", warning: 95}
            """;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    ApiClient api;
    JsonAnswers answers;
    String viewer;
    Path rulesFile;

    /** The datasource of the engine under test. */
    abstract Map<String, String> database();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(database());
        props.put("vigil.admin-token", ADMIN);
        try {
            rulesFile = Files.createTempFile("vigil-rules", ".yml");
            Files.writeString(rulesFile, FILE_RULES);
            rulesFile.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props.put("vigil.rules-file", rulesFile.toString());
        return props;
    }

    @BeforeAll
    void givenAViewerToken() {
        api = new ApiClient(server.getURI());
        answers = new JsonAnswers(json);
        HttpResponse<String> created = api.post("/api/v1/tokens", ADMIN, "{\"name\":\"rules-viewer\",\"role\":\"viewer\"}");
        assertEquals(201, created.statusCode(), created.body());
        viewer = (String) answers.object(created).get("token");
    }

    static String cpuRule(String name, double warning) {
        return "{\"metric\": \"cpu_usage_percent\", \"op\": \">\", \"warning\": " + warning
                + ", \"critical\": 99, \"clear\": 50, \"for\": \"2m\", \"labels\": {\"core\": \"!total\"},"
                + " \"summary\": \"{{host}} busy: {{value}}\"}";
    }

    Map<String, Object> rule(String name) {
        HttpResponse<String> r = api.get("/api/v1/rules/" + name, viewer);
        assertEquals(200, r.statusCode(), r.body());
        return answers.object(r);
    }

    @Test
    void theListNamesTheSourceOfEveryRule() {
        HttpResponse<String> r = api.get("/api/v1/rules", viewer);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> body = answers.object(r);
        assertEquals(rulesFile.toString(), body.get("rulesFile"));
        assertEquals(false, body.get("rulesFileRefused"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) body.get("rules");
        Map<String, Object> cpu = rules.stream().filter(x -> x.get("name").equals("HighCpuUsage")).findFirst().orElseThrow();
        assertEquals("default", cpu.get("source"));
        assertEquals(true, cpu.get("readOnly"));
        assertEquals(80.0, ((Number) cpu.get("warning")).doubleValue());
        assertEquals(75.0, ((Number) cpu.get("clear")).doubleValue());
        assertEquals("5m", cpu.get("for"));
        assertEquals("5m", cpu.get("window"));
        assertEquals("avg", cpu.get("aggregation"));
        assertEquals("percent", cpu.get("unit"));
        Map<String, Object> fileRule = rules.stream().filter(x -> x.get("name").equals("FileOnlyRule")).findFirst().orElseThrow();
        assertEquals("file", fileRule.get("source"));
        assertEquals("rules file " + rulesFile, fileRule.get("definedIn"));
        Map<String, Object> disk = rules.stream().filter(x -> x.get("name").equals("DiskSpaceLow")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> overrides = (List<Map<String, Object>>) disk.get("overrides");
        assertEquals("backup-.*", overrides.get(0).get("host"));
        assertEquals("file", overrides.get(0).get("source"));
    }

    @Test
    void aRuleMadeThroughTheApiIsListedAsApiAndCanBeReadBackAndSentAgain() {
        HttpResponse<String> created = api.put("/api/v1/rules/ApiCpuBusy", ADMIN, cpuRule("ApiCpuBusy", 70));
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> rule = rule("ApiCpuBusy");
        assertEquals("api", rule.get("source"));
        assertEquals(false, rule.get("readOnly"));
        assertEquals(1, ((Number) rule.get("version")).intValue());
        assertEquals("admin", rule.get("updatedBy"));
        assertEquals("2m", rule.get("for"));
        assertEquals(Map.of("core", "!total"), rule.get("labels"));

        // what GET answers is a valid PUT body (the extra fields of the answer aside)
        Map<String, Object> again = new HashMap<>(rule);
        List.of("source", "readOnly", "definedIn", "version", "updatedAt", "updatedBy", "active", "overrides")
                .forEach(again::remove);
        again.values().removeIf(java.util.Objects::isNull);
        HttpResponse<String> replaced = api.put("/api/v1/rules/ApiCpuBusy", ADMIN, write(again));
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals(2, ((Number) answers.object(replaced).get("version")).intValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"metric": "m", "op": ">", "warning": "lots"}                  | warning
            {"metric": "m", "op": "=>", "warning": 1}                        | op
            {"metric": "m", "warning": 1, "for": "soon"}                     | for
            {"metric": "m", "warning": 1, "clear": "x"}                      | clear
            {"metric": "m"}                                                  | warning
            {"warning": 1}                                                   | metric
            {"metric": "m", "warning": 1, "aggregation": "avg"}              | window
            {"metric": "m", "warning": 1, "kind": "sideways"}                | kind
            {"metric": "m", "warning": 1, "labels": {"mount": "(["}}         | labels.mount
            {"metric": "m", "warning": 1, "unit": "furlongs"}                | unit
            {"metric": "m", "warning": 1, "runbook_url": "javascript:x"}     | runbook_url
            {"metric": "m", "warning": 1, "colour": "red"}                   | colour
            {"metric": "m", "warning": 1, "enabled": "maybe"}                | enabled
            {"metric": "m", "warning": 1, "name": "Other"}                   | name
            {"kind": "trend", "metric": "m"}                                 | horizon
            """)
    void anInvalidRuleIsRefusedNamingTheField(String body, String field) {
        HttpResponse<String> r = api.put("/api/v1/rules/BadRule", ADMIN, body);
        answers.assertError(r, 400, field);
        assertEquals(404, api.get("/api/v1/rules/BadRule", viewer).statusCode());
    }

    @Test
    void aBadRuleNameIsRefused() {
        answers.assertError(api.put("/api/v1/rules/9lives", ADMIN, cpuRule("x", 1)), 400, "name");
    }

    @Test
    void rulesOfTheFileAndTheDefaultsAreReadOnly() {
        HttpResponse<String> file = api.put("/api/v1/rules/FileOnlyRule", ADMIN, cpuRule("FileOnlyRule", 1));
        answers.assertError(file, 409, "name");
        assertTrue(file.body().contains(rulesFile.toString()), file.body());
        HttpResponse<String> builtIn = api.put("/api/v1/rules/HighCpuUsage", ADMIN, cpuRule("HighCpuUsage", 1));
        answers.assertError(builtIn, 409, "name");
        assertTrue(builtIn.body().contains("built-in default"), builtIn.body());
        answers.assertError(api.delete("/api/v1/rules/FileOnlyRule", ADMIN), 409, "name");
        answers.assertError(api.delete("/api/v1/rules/DiskSpaceLow", ADMIN), 409, "name");
        assertEquals("file", rule("FileOnlyRule").get("source"));
    }

    @Test
    void aViewerMayReadButNotChange() {
        assertEquals(403, api.put("/api/v1/rules/ViewerRule", viewer, cpuRule("ViewerRule", 1)).statusCode());
        assertEquals(403, api.delete("/api/v1/rules/HighCpuUsage", viewer).statusCode());
        assertEquals(403, api.post("/api/v1/rules/ViewerRule/rollback", viewer, "{\"version\": 1}").statusCode());
        assertEquals(401, api.get("/api/v1/rules", null).statusCode());
        assertEquals(404, api.get("/api/v1/rules/ViewerRule", viewer).statusCode());
    }

    @Test
    void everyChangeKeepsThePreviousVersionAndARollbackRestoresOne() {
        assertEquals(201, api.put("/api/v1/rules/Versioned", ADMIN, cpuRule("Versioned", 60)).statusCode());
        assertEquals(200, api.put("/api/v1/rules/Versioned", ADMIN, cpuRule("Versioned", 65)).statusCode());
        assertEquals(204, api.delete("/api/v1/rules/Versioned", ADMIN).statusCode());
        assertEquals(404, api.get("/api/v1/rules/Versioned", viewer).statusCode());
        assertEquals(404, api.delete("/api/v1/rules/Versioned", ADMIN).statusCode());

        List<Map<String, Object>> history = answers.list(api.get("/api/v1/rules/Versioned/history", viewer));
        assertEquals(List.of(3, 2, 1), history.stream().map(h -> ((Number) h.get("version")).intValue()).toList());
        assertEquals(List.of("delete", "update", "create"), history.stream().map(h -> h.get("action")).toList());
        assertNull(history.get(0).get("rule"));
        assertEquals(65.0, ((Number) ((Map<?, ?>) history.get(1).get("rule")).get("warning")).doubleValue());

        HttpResponse<String> rolledBack = api.post("/api/v1/rules/Versioned/rollback", ADMIN, "{\"version\": 1}");
        assertEquals(200, rolledBack.statusCode(), rolledBack.body());
        Map<String, Object> now = rule("Versioned");
        assertEquals(60.0, ((Number) now.get("warning")).doubleValue());
        assertEquals(4, ((Number) now.get("version")).intValue());
        assertEquals("rollback", answers.list(api.get("/api/v1/rules/Versioned/history", viewer)).get(0).get("action"));

        answers.assertError(api.post("/api/v1/rules/Versioned/rollback", ADMIN, "{\"version\": 3}"), 400, "version");
        assertEquals(404, api.post("/api/v1/rules/Versioned/rollback", ADMIN, "{\"version\": 9}").statusCode());
        answers.assertError(api.post("/api/v1/rules/Versioned/rollback", ADMIN, "{\"version\": \"one\"}"), 400, "version");
        assertFalse(api.get("/api/v1/rules/Nobody/history", viewer).statusCode() == 200);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
