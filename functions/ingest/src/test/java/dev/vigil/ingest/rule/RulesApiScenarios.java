package dev.vigil.ingest.rule;

import dev.vigil.core.alert.EvaluationCycle;
import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleSet;
import dev.vigil.core.rules.RuleSetProvider;
import dev.vigil.core.rules.RulesFileProperties;
import dev.vigil.core.rules.StoredRules;
import io.micronaut.transaction.TransactionOperations;
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
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
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

    @Inject
    EvaluationCycle cycle;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    VigilProperties vigil;

    final Map<String, String> tokens = new HashMap<>();
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
        // routed to, never called: a preview sends nothing
        props.put("vigil.notify.webhook.urls", "http://127.0.0.1:9/never-called");
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
    void aBadRuleNameAnOversizedRuleAndBrokenUnicodeAreRefused() {
        answers.assertError(api.put("/api/v1/rules/9lives", ADMIN, cpuRule("x", 1)), 400, "name");
        String huge = "{\"metric\": \"m\", \"warning\": 1, \"summary\": \"" + "x".repeat(20_000) + "\"}";
        answers.assertError(api.put("/api/v1/rules/Huge", ADMIN, huge), 400, null);
        answers.assertError(api.put("/api/v1/rules/Broken", ADMIN, "{\"metric\": \"m\", \"warning\": 1, \"summary\": \"\\ud800\"}"),
                400, null);
        assertEquals(404, api.get("/api/v1/rules/Huge", viewer).statusCode());
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

    /** Registers a host and posts one cpu_usage_percent value for it, stamped now. */
    void cpu(String host, double value) {
        cpu(host, value, "all");
    }

    /** The {@code cpu} label keeps each scenario's series apart from the others'. */
    void cpu(String host, double value, String group) {
        String token = tokens.computeIfAbsent(host, h -> api.registerHost(h, ADMIN));
        HttpResponse<String> r = api.post("/api/v1/samples", token, "{\"host\": \"" + host
                + "\", \"samples\": [{\"metric\": \"cpu_usage_percent\", \"labels\": {\"cpu\": \"" + group + "\"}, \"value\": "
                + value + "}]}");
        assertEquals(202, r.statusCode(), r.body());
    }

    /** host -> severity/state/value of the rule's open alerts, as the alerts API lists them. */
    Map<String, String> openAlerts(String rule) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String state : List.of("pending", "firing")) {
            for (Map<String, Object> a : answers.list(api.get("/api/v1/alerts?state=" + state, ADMIN))) {
                if (a.get("rule").equals(rule)) {
                    out.put((String) a.get("host"), a.get("state") + "/" + a.get("severity") + "/" + ((Number) a.get("value")).doubleValue());
                }
            }
        }
        return out;
    }

    Map<String, String> previewed(String body) {
        HttpResponse<String> r = api.post("/api/v1/rules/preview", viewer, body);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> out = new java.util.TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) answers.object(r).get("alerts");
        for (Map<String, Object> a : alerts) {
            out.put((String) a.get("host"), a.get("state") + "/" + a.get("severity") + "/" + ((Number) a.get("value")).doubleValue());
        }
        return out;
    }

    static String busyRule(String name, double warning, double critical, String forDuration) {
        return busyRule(name, warning, critical, forDuration, name.startsWith("Preview") ? "pv" : "tc");
    }

    static String busyRule(String name, double warning, double critical, String forDuration, String group) {
        return "{\"name\": \"" + name + "\", \"metric\": \"cpu_usage_percent\", \"labels\": {\"cpu\": \"" + group + "\"}, "
                + "\"warning\": " + warning + ", \"critical\": " + critical + ", \"for\": \"" + forDuration + "\"}";
    }

    @Test
    void thePreviewShowsWhatTheNextCycleDoesAndWhoWouldBeNotified() {
        cpu("pv-calm", 40, "pv");
        cpu("pv-warm", 75, "pv");
        cpu("pv-hot", 96, "pv");
        String firingNow = busyRule("PreviewBusy", 70, 90, "0s");
        HttpResponse<String> r = api.post("/api/v1/rules/preview", viewer, firingNow);
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> body = answers.object(r);
        assertEquals(2, ((Number) body.get("firing")).intValue(), r.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) body.get("alerts");
        Map<String, Object> hot = alerts.stream().filter(a -> a.get("host").equals("pv-hot")).findFirst().orElseThrow();
        assertEquals(Map.of("cpu", "pv"), hot.get("labels"));
        assertEquals("critical", hot.get("severity"));
        // the default routing: critical to every chat/webhook receiver, warning to email (none configured here)
        assertEquals(List.of("webhook-0"), hot.get("receivers"), r.body());
        assertEquals(true, hot.get("wouldNotify"));
        Map<String, Object> warm = alerts.stream().filter(a -> a.get("host").equals("pv-warm")).findFirst().orElseThrow();
        assertEquals(List.of(), warm.get("receivers"), r.body());
        assertEquals(false, warm.get("wouldNotify"));
        // nothing was stored
        assertEquals(404, api.get("/api/v1/rules/PreviewBusy", viewer).statusCode());
        assertEquals(Map.of(), openAlerts("PreviewBusy"));

        Map<String, String> preview = previewed(firingNow);
        assertEquals(201, api.put("/api/v1/rules/PreviewBusy", ADMIN, firingNow).statusCode());
        cycle.runOnce().orElseThrow();
        assertEquals(preview, openAlerts("PreviewBusy"));
        assertEquals(Map.of("pv-hot", "firing/critical/96.0", "pv-warm", "firing/warning/75.0"), preview);

        // a rule with a "for" previews as pending, and the cycle agrees
        String pendingFirst = busyRule("PreviewPending", 70, 90, "10m");
        Map<String, String> pending = previewed(pendingFirst);
        assertEquals(Map.of("pv-hot", "pending/critical/96.0", "pv-warm", "pending/warning/75.0"), pending);
        assertEquals(201, api.put("/api/v1/rules/PreviewPending", ADMIN, pendingFirst).statusCode());
        cycle.runOnce().orElseThrow();
        assertEquals(pending, openAlerts("PreviewPending"));

        // previewing new levels of a stored rule starts from its open alerts, as the cycle would
        Map<String, String> raised = previewed(busyRule("PreviewBusy", 80, 99, "0s"));
        assertEquals(Map.of("pv-hot", "firing/warning/96.0"), raised);

        answers.assertError(api.post("/api/v1/rules/preview", viewer, "{\"metric\": \"m\", \"warning\": 1}"), 400, "name");
        answers.assertError(api.post("/api/v1/rules/preview", viewer, "{\"name\": \"P\", \"metric\": \"m\", \"warning\": \"x\"}"),
                400, "warning");
    }

    @Test
    void aThresholdChangeFiresOrResolvesAtTheNextCycle() {
        cpu("tc-a", 60, "tc");
        cpu("tc-b", 85, "tc");
        assertEquals(201, api.put("/api/v1/rules/ThresholdChange", ADMIN, busyRule("ThresholdChange", 80, 95, "0s")).statusCode());
        cycle.runOnce().orElseThrow();
        assertEquals(Map.of("tc-b", "firing/warning/85.0"), openAlerts("ThresholdChange"));

        // a host's own, lower level: tc-a fires at the next cycle
        HttpResponse<String> set = api.put("/api/v1/hosts/tc-a/overrides/ThresholdChange", ADMIN, "{\"warning\": 50, \"for\": \"0s\"}");
        assertEquals(201, set.statusCode(), set.body());
        cycle.runOnce().orElseThrow();
        assertEquals(Map.of("tc-a", "firing/warning/60.0", "tc-b", "firing/warning/85.0"), openAlerts("ThresholdChange"));

        // listed in the host answer and in the rule answer
        Map<String, Object> host = answers.object(api.get("/api/v1/hosts/tc-a", viewer));
        assertEquals("tc-a", host.get("name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hostOverrides = (List<Map<String, Object>>) host.get("overrides");
        assertEquals("ThresholdChange", hostOverrides.get(0).get("rule"));
        assertEquals(50.0, ((Number) hostOverrides.get(0).get("warning")).doubleValue());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ruleOverrides = (List<Map<String, Object>>) rule("ThresholdChange").get("overrides");
        assertEquals("tc-a", ruleOverrides.get(0).get("host"));
        assertEquals("api", ruleOverrides.get(0).get("source"));

        // the rule raised above both: both resolve at the next cycle
        assertEquals(200, api.put("/api/v1/rules/ThresholdChange", ADMIN, busyRule("ThresholdChange", 90, 95, "0s")).statusCode());
        assertEquals(204, api.delete("/api/v1/hosts/tc-a/overrides/ThresholdChange", ADMIN).statusCode());
        cycle.runOnce().orElseThrow();
        assertEquals(Map.of(), openAlerts("ThresholdChange"));

        // an override disables a default rule for one host
        HttpResponse<String> off = api.put("/api/v1/hosts/tc-b/overrides/HighCpuUsage", ADMIN, "{\"disabled\": true}");
        assertEquals(201, off.statusCode(), off.body());
        assertEquals(true, answers.object(off).get("disabled"));
    }

    @Test
    void hostOverridesAreCheckedAndOnlyAdminsChangeThem() {
        cpu("ov-host", 10);
        answers.assertError(api.put("/api/v1/hosts/ov-host/overrides/HighCpuUsage", ADMIN, "{\"warning\": \"hot\"}"), 400, "warning");
        answers.assertError(api.put("/api/v1/hosts/ov-host/overrides/HighCpuUsage", ADMIN, "{\"for\": \"later\"}"), 400, "for");
        answers.assertError(api.put("/api/v1/hosts/ov-host/overrides/HighCpuUsage", ADMIN, "{\"disabled\": \"yes\"}"), 400, "disabled");
        answers.assertError(api.put("/api/v1/hosts/ov-host/overrides/HighCpuUsage", ADMIN, "{\"clear\": 3}"), 400, "clear");
        answers.assertError(api.put("/api/v1/hosts/ov-host/overrides/HighCpuUsage", ADMIN, "{}"), 400, null);
        assertEquals(404, api.put("/api/v1/hosts/ov-host/overrides/NoSuchRule", ADMIN, "{\"warning\": 1}").statusCode());
        assertEquals(404, api.put("/api/v1/hosts/no-such-host/overrides/HighCpuUsage", ADMIN, "{\"warning\": 1}").statusCode());
        assertEquals(403, api.put("/api/v1/hosts/ov-host/overrides/HighCpuUsage", viewer, "{\"warning\": 1}").statusCode());
        assertEquals(403, api.delete("/api/v1/hosts/ov-host/overrides/HighCpuUsage", viewer).statusCode());
        assertEquals(404, api.delete("/api/v1/hosts/ov-host/overrides/HighCpuUsage", ADMIN).statusCode());
        HttpResponse<String> sized = api.put("/api/v1/hosts/ov-host/overrides/DiskFreeLow", ADMIN, "{\"warning\": \"2GiB\"}");
        assertEquals(201, sized.statusCode(), sized.body());
        assertEquals(2.0 * 1024 * 1024 * 1024, ((Number) answers.object(sized).get("warning")).doubleValue());
        assertEquals(1, answers.list(api.get("/api/v1/hosts/ov-host/overrides", viewer)).size());
    }

    @Test
    void everyRuleAndOverrideChangeIsInTheAuditTrailWithItsAuthor() {
        cpu("audit-host", 10);
        assertEquals(201, api.put("/api/v1/rules/Audited", ADMIN, cpuRule("Audited", 60)).statusCode());
        assertEquals(200, api.put("/api/v1/rules/Audited", ADMIN, cpuRule("Audited", 61)).statusCode());
        assertEquals(201, api.put("/api/v1/hosts/audit-host/overrides/Audited", ADMIN, "{\"critical\": 98}").statusCode());
        List<Map<String, Object>> entries = answers.list(api.get("/api/v1/audit?what=rule", ADMIN));
        Map<String, Object> update = entries.stream().filter(e -> e.get("what").equals("rule.update") && e.get("target").equals("Audited"))
                .findFirst().orElseThrow();
        assertEquals("admin", update.get("who"));
        assertEquals(60.0, ((Number) ((Map<?, ?>) update.get("before")).get("warning")).doubleValue());
        assertEquals(61.0, ((Number) ((Map<?, ?>) update.get("after")).get("warning")).doubleValue());
        List<Map<String, Object>> overrides = answers.list(api.get("/api/v1/audit?what=override", ADMIN));
        assertTrue(overrides.stream().anyMatch(e -> e.get("target").equals("audit-host/Audited") && e.get("before") == null),
                overrides.toString());
    }

    @Test
    void anotherInstanceSeesAChangeAtItsNextCycleAndRereadsNothingMeanwhile() {
        // what an evaluate Lambda holds: its own provider over the same database
        RuleSetProvider otherInstance = new RuleSetProvider(new RulesFileProperties(), vigil, new StoredRules(transactions));
        RuleSet before = otherInstance.current();
        assertSame(before, otherInstance.current(), "an unchanged revision keeps the rule set as it is");
        assertEquals(201, api.put("/api/v1/rules/SeenElsewhere", ADMIN, cpuRule("SeenElsewhere", 60)).statusCode());
        RuleSet after = otherInstance.current();
        assertTrue(after.rules().stream().anyMatch(r -> r.name().equals("SeenElsewhere")));
        cpu("elsewhere", 10, "elsewhere");
        assertEquals(201, api.put("/api/v1/hosts/elsewhere/overrides/SeenElsewhere", ADMIN, "{\"warning\": 5}").statusCode());
        Rule rule = otherInstance.current().rules().stream().filter(r -> r.name().equals("SeenElsewhere")).findFirst().orElseThrow();
        assertEquals(5.0, otherInstance.current().thresholdsFor(rule, "elsewhere", Map.of()).warning());
        assertEquals(60.0, otherInstance.current().thresholdsFor(rule, "other-host", Map.of()).warning());
        assertEquals(204, api.delete("/api/v1/rules/SeenElsewhere", ADMIN).statusCode());
        assertTrue(otherInstance.current().rules().stream().noneMatch(r -> r.name().equals("SeenElsewhere")));
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
