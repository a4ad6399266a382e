package dev.vigil.ingest.admin;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host labels, alert detail with its timeline, notification history and the limits of every admin string,
 * over a real socket. Subclasses run it on MariaDB/MySQL and on H2 (the local app's engine).
 */
abstract class AdminApiScenarios implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-scenarios";
    static final long T0 = 1_795_000_000_000L;
    static final String XSS = "<script>alert('x')</script> \"quoted\" & \\back";

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    JsonMapper json;
    @Inject
    HostRegistry hosts;

    ApiClient api;
    JsonAnswers answers;
    AdminFixture fixture;
    String hostToken;
    long diskAlert;
    long cpuAlert;
    long ackTarget;
    long legacyAlert;
    long firingMail;
    long failedWebhook;
    long pendingResolved;
    long testMessage;
    long slackRepeat;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @BeforeAll
    void givenAlertsWithHistory() {
        api = new ApiClient(server.getURI());
        answers = new JsonAnswers(json);
        fixture = new AdminFixture(dataSource);
        hostToken = hosts.register("fixture-01").orElseThrow().token();
        diskAlert = fixture.alert(new AdminFixture.Alert("DiskSpaceLow", "db-01", "{\"mount\":\"/\"}",
                "{\"env\":\"prod\",\"team\":\"db\"}", "critical", "resolved", 93.1, T0));
        cpuAlert = fixture.alert(new AdminFixture.Alert("HighCpuUsage", "web-01", "{}", "{\"team\":\"web\"}",
                "warning", "firing", 85, T0 + 60_000));
        ackTarget = fixture.alert(new AdminFixture.Alert("HighLoadAverage", "db-01", "{}", null, "warning", "firing", 3, T0));
        legacyAlert = fixture.alert(new AdminFixture.Alert("HighSwapUsage", "db-02", "{}", null, "warning", "firing", 90, T0));
        fixture.event(diskAlert, "PENDING", "warning", 85.0, T0, null);
        fixture.event(diskAlert, "FIRING", "warning", 85.0, T0 + 60_000, null);
        fixture.event(diskAlert, "SEVERITY_CHANGED", "critical", 93.1, T0 + 120_000, null);
        fixture.event(diskAlert, "RESOLVED", "critical", 71.2, T0 + 600_000, "back to 71.2% (threshold 90%)");
        firingMail = fixture.outbox(new AdminFixture.Outbox("email", "ops@example.org", "FIRING", "SENT", 1, T0 + 90_000,
                T0 + 91_000, null, AdminFixture.payload("FIRING", "db-01", "DiskSpaceLow", "CRITICAL")), diskAlert);
        failedWebhook = fixture.outbox(new AdminFixture.Outbox("webhook", "https://hooks.example.org/<redacted>", "FIRING",
                "DEAD", 5, T0 + 90_000, null, "HTTP 500 from receiver",
                AdminFixture.payload("FIRING", "db-01", "DiskSpaceLow", "CRITICAL")), diskAlert);
        pendingResolved = fixture.outbox(new AdminFixture.Outbox("email", "ops@example.org", "RESOLVED", "PENDING", 2,
                T0 + 600_000, null, "connection refused", AdminFixture.payload("RESOLVED", "db-01", "DiskSpaceLow",
                        "CRITICAL", "HighCpuUsage", "WARNING")), diskAlert, cpuAlert);
        testMessage = fixture.outbox(new AdminFixture.Outbox("email", "ops@example.org", "TEST", "SENT", 1, T0 + 1_200_000,
                T0 + 1_201_000, null, "{\"subject\":\"[TEST] Vigil test message\"}"));
        slackRepeat = fixture.outbox(new AdminFixture.Outbox("slack", "https://hooks.slack.com/<redacted>", "REPEAT",
                "SENT", 1, T0 + 1_800_000, T0 + 1_801_000, null, "not json"), cpuAlert);
    }

    // ---- host labels ----

    @Test
    void hostLabelsAreSetAtRegistrationReplacedAndListed() throws IOException {
        HttpResponse<String> created = api.post("/api/v1/hosts", ADMIN,
                "{\"name\": \"lab-01\", \"labels\": {\"team\": \"db\", \"env\": \"prod\"}}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(Map.of("team", "db", "env", "prod"), object(created).get("labels"));
        assertEquals("{\"env\":\"prod\",\"team\":\"db\"}",
                fixture.string("SELECT labels FROM hosts WHERE name = ?", "lab-01"), "stored as a canonical JSON object");
        assertEquals(Map.of("team", "db", "env", "prod"), host("lab-01").get("labels"));

        HttpResponse<String> replaced = api.put("/api/v1/hosts/lab-01/labels", ADMIN, "{\"team\": \"storage\", \"tier\": \"1\"}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        assertEquals(Map.of("team", "storage", "tier", "1"), object(replaced).get("labels"));
        assertEquals("lab-01", object(replaced).get("name"));
        assertEquals(Map.of("team", "storage", "tier", "1"), host("lab-01").get("labels"));
        HttpResponse<String> one = api.get("/api/v1/hosts/lab-01", ADMIN);
        assertEquals(200, one.statusCode(), one.body());
        assertEquals(Map.of("team", "storage", "tier", "1"), object(one).get("labels"));
        assertEquals(404, api.get("/api/v1/hosts/nobody", ADMIN).statusCode());

        assertEquals(200, api.put("/api/v1/hosts/lab-01/labels", ADMIN, "{}").statusCode());
        assertEquals(Map.of(), host("lab-01").get("labels"));
        assertNull(fixture.string("SELECT labels FROM hosts WHERE name = ?", "lab-01"));

        assertEquals(404, api.put("/api/v1/hosts/nobody/labels", ADMIN, "{\"team\": \"db\"}").statusCode());
        assertEquals(401, api.put("/api/v1/hosts/lab-01/labels", null, "{}").statusCode());
        assertEquals(403, api.put("/api/v1/hosts/lab-01/labels", hostToken, "{}").statusCode());
        assertEquals(Map.of(), host("fixture-01").get("labels"), "a host without labels lists {}");
    }

    @Test
    void aReRegisteredHostKeepsItsLabelsUnlessNewOnesAreGiven() throws IOException {
        assertEquals(201, api.post("/api/v1/hosts", ADMIN, "{\"name\": \"again-01\", \"labels\": {\"team\": \"db\"}}").statusCode());
        assertEquals(204, api.delete("/api/v1/hosts/again-01", ADMIN).statusCode());
        assertEquals(404, api.put("/api/v1/hosts/again-01/labels", ADMIN, "{\"team\": \"x\"}").statusCode(), "revoked");
        HttpResponse<String> kept = api.post("/api/v1/hosts", ADMIN, "{\"name\": \"again-01\"}");
        assertEquals(Map.of("team", "db"), object(kept).get("labels"));
        assertEquals(204, api.delete("/api/v1/hosts/again-01", ADMIN).statusCode());
        HttpResponse<String> replaced = api.post("/api/v1/hosts", ADMIN, "{\"name\": \"again-01\", \"labels\": {\"team\": \"web\"}}");
        assertEquals(Map.of("team", "web"), object(replaced).get("labels"));
        assertError(api.post("/api/v1/hosts", ADMIN, "{\"name\": \"again-02\", \"lables\": {}}"), 400, "lables");
    }

    @Test
    void labelValuesThatLookLikeMarkupAreStoredAndReturnedVerbatimAsJsonStrings() throws IOException {
        String body = "{\"name\": \"xss-01\", \"labels\": {\"owner\": " + json.writeValueAsString(XSS)
                + ", \"emoji\": \"\uD83D\uDD25 on fire\"}}";
        HttpResponse<String> created = api.post("/api/v1/hosts", ADMIN, body);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(XSS, ((Map<?, ?>) object(created).get("labels")).get("owner"));
        assertTrue(created.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Map<?, ?> labels = (Map<?, ?>) host("xss-01").get("labels");
        assertEquals(XSS, labels.get("owner"));
        assertEquals("\uD83D\uDD25 on fire", labels.get("emoji"));
        assertEquals(XSS, fixture.string("SELECT labels FROM hosts WHERE name = 'xss-01'").transform(
                stored -> answers.read(stored, Argument.mapOf(String.class, Object.class)).get("owner")), "stored as a JSON string, not escaped for HTML");
    }

    Stream<Arguments> invalidLabels() {
        String many = IntStream.range(0, 33).mapToObj(i -> "\"l" + i + "\": \"v\"").collect(Collectors.joining(", ", "{", "}"));
        return Stream.of(
                Arguments.of("name with a dash", "{\"bad-name\": \"x\"}", "labels.bad-name"),
                Arguments.of("name starting with a digit", "{\"1team\": \"x\"}", "labels.1team"),
                Arguments.of("name starting with __", "{\"__team\": \"x\"}", "labels.__team"),
                Arguments.of("reserved host", "{\"host\": \"x\"}", "labels.host"),
                Arguments.of("reserved alertname", "{\"alertname\": \"x\"}", "labels.alertname"),
                Arguments.of("reserved severity", "{\"severity\": \"x\"}", "labels.severity"),
                Arguments.of("reserved rule", "{\"rule\": \"x\"}", "labels.rule"),
                Arguments.of("name of 65 characters", "{\"" + "n".repeat(65) + "\": \"x\"}", "labels." + "n".repeat(65)),
                Arguments.of("value of 257 characters", "{\"team\": \"" + "v".repeat(257) + "\"}", "labels.team"),
                Arguments.of("empty value", "{\"team\": \"\"}", "labels.team"),
                Arguments.of("value a lone surrogate", "{\"team\": \"db\\ud800\"}", "labels.team"),
                Arguments.of("value a number", "{\"team\": 1}", "labels.team"),
                Arguments.of("value null", "{\"team\": null}", "labels.team"),
                Arguments.of("33 labels", many, "labels"),
                Arguments.of("labels an array", "[\"team\"]", "labels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLabels")
    void invalidLabelsAreRefusedNamingTheLabelAndNothingIsStored(String name, String labels, String field) throws IOException {
        String hostName = "bad-" + Math.abs(name.hashCode());
        assertError(api.post("/api/v1/hosts", ADMIN, "{\"name\": \"" + hostName + "\", \"labels\": " + labels + "}"), 400, field);
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM hosts WHERE name = ?", hostName), "no host registered");
        if (!labels.startsWith("[")) {
            assertError(api.put("/api/v1/hosts/fixture-01/labels", ADMIN, labels), 400, field);
            assertNull(fixture.string("SELECT labels FROM hosts WHERE name = 'fixture-01'"), "labels unchanged");
        }
    }

    @Test
    void bodiesThatAreNotValidUtf8AreRefusedNotStoredAsReplacementCharacters() throws IOException {
        byte[] prefix = "{\"name\": \"utf-01\", \"labels\": {\"team\": \"d".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "b\"}}".getBytes(StandardCharsets.UTF_8);
        for (byte[] invalid : List.of(new byte[]{(byte) 0xff}, new byte[]{(byte) 0xc3}, new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
            byte[] body = new byte[prefix.length + invalid.length + suffix.length];
            System.arraycopy(prefix, 0, body, 0, prefix.length);
            System.arraycopy(invalid, 0, body, prefix.length, invalid.length);
            System.arraycopy(suffix, 0, body, prefix.length + invalid.length, suffix.length);
            HttpResponse<String> refused = api.post("/api/v1/hosts", ADMIN, "application/json", body);
            assertEquals(400, refused.statusCode(), refused.body());
            assertFalse(refused.body().contains("Exception") || refused.body().contains("jackson"), refused.body());
        }
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM hosts WHERE name = 'utf-01'"));
    }

    // ---- alerts: host labels beside alert labels, detail with timeline ----

    @Test
    void alertListingsShowHostLabelsBesideTheAlertsOwnLabels() throws IOException {
        Map<String, Object> disk = alertIn(list(api.get("/api/v1/alerts?host=db-01", ADMIN)), diskAlert);
        assertEquals(Map.of("mount", "/"), disk.get("labels"));
        assertEquals(Map.of("team", "db", "env", "prod"), disk.get("hostLabels"));
        Map<String, Object> legacy = alertIn(list(api.get("/api/v1/alerts?host=db-02", ADMIN)), legacyAlert);
        assertEquals(Map.of(), legacy.get("hostLabels"), "alerts from before host labels show {}");
    }

    @Test
    void anAlertsDetailHasItsReadableValuesAndItsTimeline() throws IOException {
        HttpResponse<String> response = api.get("/api/v1/alerts/" + diskAlert, ADMIN);
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> a = object(response);
        assertEquals("DiskSpaceLow", a.get("rule"));
        assertEquals(Map.of("team", "db", "env", "prod"), a.get("hostLabels"));
        assertEquals("93.1%", a.get("valueText"));
        assertEquals("90%", a.get("thresholdText"));
        assertEquals("recovered", a.get("resolution"));
        assertEquals("back to 71.2% (threshold 90%)", a.get("resolutionText"));
        assertEquals("https://runbooks.example.org/disk", a.get("runbookUrl"));
        assertEquals("du -xh / | sort -h", a.get("runbook"));
        assertEquals(true, a.get("silenced"));
        assertEquals(false, a.get("inhibited"));
        assertTrue(a.containsKey("acknowledgedBy") && a.containsKey("acknowledgedAt"), response.body());

        List<?> events = (List<?>) a.get("events");
        assertEquals(List.of("pending", "firing", "severity_changed", "resolved"),
                events.stream().map(e -> ((Map<?, ?>) e).get("kind")).toList());
        Map<?, ?> resolved = (Map<?, ?>) events.get(3);
        assertEquals("back to 71.2% (threshold 90%)", resolved.get("detail"));
        assertEquals(T0 + 600_000, ((Number) resolved.get("at")).longValue());
        assertEquals(false, a.get("eventsTruncated"));

        List<?> sent = (List<?>) a.get("notifications");
        assertEquals(List.of(firingMail, failedWebhook, pendingResolved),
                sent.stream().map(n -> ((Number) ((Map<?, ?>) n).get("id")).longValue()).toList(), "oldest first");
        Map<?, ?> webhook = (Map<?, ?>) sent.get(1);
        assertEquals("webhook", webhook.get("receiver"));
        assertEquals("firing", webhook.get("kind"));
        assertEquals("failed", webhook.get("status"));
        assertEquals(5, webhook.get("attempts"));
        assertEquals("HTTP 500 from receiver", webhook.get("lastError"));
        assertEquals("https://hooks.example.org/<redacted>", webhook.get("target"));
        assertEquals(T0 + 91_000, ((Number) ((Map<?, ?>) sent.get(0)).get("sentAt")).longValue());
    }

    @Test
    void anUnknownAlertIs404AndABadIdIs400() throws IOException {
        HttpResponse<String> missing = api.get("/api/v1/alerts/987654321", ADMIN);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("987654321"), missing.body());
        assertError(api.get("/api/v1/alerts/abc", ADMIN), 400, "id");
        assertEquals(401, api.get("/api/v1/alerts/" + diskAlert, null).statusCode());
        assertEquals(403, api.get("/api/v1/alerts/" + diskAlert, hostToken).statusCode());
    }

    // ---- notification history ----

    @Test
    void theHistoryListsWhatWasSentNewestFirstWithFilters() throws IOException {
        assertEquals(List.of(slackRepeat, testMessage, pendingResolved, failedWebhook, firingMail), ids("/api/v1/notifications"));
        assertEquals(List.of(pendingResolved, failedWebhook, firingMail), ids("/api/v1/notifications?alert=" + diskAlert));
        assertEquals(List.of(slackRepeat, pendingResolved), ids("/api/v1/notifications?alert=" + cpuAlert));
        assertEquals(List.of(testMessage, pendingResolved, firingMail), ids("/api/v1/notifications?receiver=email"));
        assertEquals(List.of(slackRepeat, testMessage, pendingResolved), ids("/api/v1/notifications?since=" + (T0 + 300_000)));
        assertEquals(List.of(slackRepeat, testMessage, pendingResolved),
                ids("/api/v1/notifications?since=" + Instant.ofEpochMilli(T0 + 300_000)));
        assertEquals(List.of(slackRepeat, testMessage), ids("/api/v1/notifications?limit=2"));
        assertEquals(List.of(testMessage), ids("/api/v1/notifications?receiver=email&since=" + (T0 + 900_000)));
        assertEquals(List.of(failedWebhook), ids("/api/v1/notifications?status=failed"));
        assertEquals(List.of(slackRepeat, testMessage, firingMail), ids("/api/v1/notifications?status=delivered"));
        assertEquals(List.of(pendingResolved), ids("/api/v1/notifications?status=pending"));
        assertEquals(List.of(pendingResolved), ids("/api/v1/notifications?kind=resolved"));
        assertEquals(List.of(), ids("/api/v1/notifications?alert=424242"));
    }

    @Test
    void eachHistoryItemSaysToWhomWhyWhetherItArrivedAndAboutWhat() throws IOException {
        Map<Long, Map<String, Object>> byId = list(api.get("/api/v1/notifications", ADMIN)).stream()
                .collect(Collectors.toMap(n -> ((Number) n.get("id")).longValue(), n -> n));
        Map<String, Object> mail = byId.get(firingMail);
        assertEquals("delivered", mail.get("status"));
        assertEquals("ops@example.org", mail.get("target"));
        assertEquals("db-01", mail.get("host"));
        assertEquals(List.of(diskAlert), longs(mail.get("alertIds")));
        assertEquals("[CRITICAL] db-01: DiskSpaceLow", mail.get("summary"));
        assertNull(mail.get("nextAttemptAt"));

        Map<String, Object> pending = byId.get(pendingResolved);
        assertEquals("pending", pending.get("status"));
        assertEquals("resolved", pending.get("kind"));
        assertEquals("connection refused", pending.get("lastError"));
        assertEquals(2, pending.get("attempts"));
        assertNotNull(pending.get("nextAttemptAt"));
        assertEquals(List.of(diskAlert, cpuAlert), longs(pending.get("alertIds")));
        assertEquals(2, pending.get("alertCount"));
        assertEquals("[RESOLVED] db-01: DiskSpaceLow and 1 more", pending.get("summary"));

        Map<String, Object> test = byId.get(testMessage);
        assertEquals("test", test.get("kind"));
        assertEquals("[TEST] Vigil test message", test.get("summary"));
        assertNull(test.get("host"));
        assertEquals(List.of(), test.get("alertIds"));
        assertEquals(0, test.get("alertCount"));

        Map<String, Object> repeat = byId.get(slackRepeat);
        assertEquals("repeat", repeat.get("kind"));
        assertEquals("web-01", repeat.get("host"), "from its alert when the payload names no host");
        assertNull(repeat.get("summary"));
    }

    Stream<Arguments> badHistoryParameters() {
        return Stream.of(
                Arguments.of("alert=abc", "alert"), Arguments.of("alert=0", "alert"), Arguments.of("alert=-3", "alert"),
                Arguments.of("limit=0", "limit"), Arguments.of("limit=1001", "limit"), Arguments.of("limit=ten", "limit"),
                Arguments.of("since=yesterday", "since"), Arguments.of("since=2026-13-01T00:00:00Z", "since"),
                Arguments.of("status=sent", "status"), Arguments.of("kind=bogus", "kind"),
                Arguments.of("receiver=" + "r".repeat(65), "receiver"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHistoryParameters")
    void badHistoryParametersAre400NamingTheParameter(String query, String field) throws IOException {
        assertError(api.get("/api/v1/notifications?" + query, ADMIN), 400, field);
    }

    @Test
    void theHistoryIsForAdminsOnly() {
        assertEquals(401, api.get("/api/v1/notifications", null).statusCode());
        assertEquals(403, api.get("/api/v1/notifications", hostToken).statusCode());
    }

    // ---- every admin string has a maximum; nothing over it is stored or answered with "retry" ----

    Stream<Arguments> overLongAdminStrings() {
        long end = System.currentTimeMillis() + 3_600_000;
        String silence = "{\"matchers\": {\"host\": \"db-01\"}, \"endsAt\": " + end;
        String manyMatchers = IntStream.range(0, 33).mapToObj(i -> "\"m" + i + "\": \"v\"").collect(Collectors.joining(", ", "{", "}"));
        return Stream.of(
                Arguments.of("silence comment of 1001", "silence", silence + ", \"comment\": \"" + "c".repeat(1001) + "\"}", "comment"),
                Arguments.of("silence comment of 100k", "silence", silence + ", \"comment\": \"" + "c".repeat(100_000) + "\"}", "comment"),
                Arguments.of("silence createdBy of 129", "silence", silence + ", \"createdBy\": \"" + "b".repeat(129) + "\"}", "createdBy"),
                Arguments.of("silence cron of 129", "silence", "{\"matchers\": {\"host\": \"db-01\"}, \"durationMs\": 1000, \"cron\": \""
                        + "1 ".repeat(64) + "1\"}", "cron"),
                Arguments.of("matcher name of 129", "silence", "{\"matchers\": {\"" + "n".repeat(129) + "\": \"x\"}, \"endsAt\": " + end + "}",
                        "matchers." + "n".repeat(129)),
                Arguments.of("matcher value of 257", "silence", "{\"matchers\": {\"host\": \"" + "v".repeat(257) + "\"}, \"endsAt\": " + end + "}",
                        "matchers.host"),
                Arguments.of("matcher value of 100k", "silence", "{\"matchers\": {\"host\": \"" + "v".repeat(100_000) + "\"}, \"endsAt\": " + end + "}",
                        "matchers.host"),
                Arguments.of("33 matchers", "silence", "{\"matchers\": " + manyMatchers + ", \"endsAt\": " + end + "}", "matchers"),
                Arguments.of("matcher name not a label name", "silence", "{\"matchers\": {\"team-name\": \"x\"}, \"endsAt\": " + end + "}",
                        "matchers.team-name"),
                Arguments.of("silence comment with a lone surrogate", "silence", silence + ", \"comment\": \"fix \\udc00\"}", "comment"),
                Arguments.of("silence createdBy with a lone surrogate", "silence", silence + ", \"createdBy\": \"\\ud800\"}", "createdBy"),
                Arguments.of("ack by of 129", "ack", "{\"by\": \"" + "a".repeat(129) + "\"}", "by"),
                Arguments.of("ack comment of 1001", "ack", "{\"by\": \"alice\", \"comment\": \"" + "c".repeat(1001) + "\"}", "comment"),
                Arguments.of("ack by with a lone surrogate", "ack", "{\"by\": \"al\\ud800ice\"}", "by"),
                Arguments.of("ack comment with a lone surrogate", "ack", "{\"comment\": \"\\udfff\"}", "comment"),
                Arguments.of("host name of 254", "host", "{\"name\": \"" + "h".repeat(254) + "\"}", "name"),
                Arguments.of("host name with a lone surrogate", "host", "{\"name\": \"h\\ud800\"}", "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLongAdminStrings")
    void everyAdminStringHasAMaximumAndA400NamingTheField(String name, String endpoint, String body, String field) throws IOException {
        long silences = fixture.count("SELECT COUNT(*) FROM silences");
        long hostCount = fixture.count("SELECT COUNT(*) FROM hosts");
        HttpResponse<String> refused = switch (endpoint) {
            case "silence" -> api.post("/api/v1/silences", ADMIN, body);
            case "ack" -> api.post("/api/v1/alerts/" + ackTarget + "/ack", ADMIN, body);
            default -> api.post("/api/v1/hosts", ADMIN, body);
        };
        assertError(refused, 400, field);
        assertTrue(refused.headers().firstValue("Retry-After").isEmpty(), "a request that can never succeed is not retried");
        assertEquals(silences, fixture.count("SELECT COUNT(*) FROM silences"), "no silence stored");
        assertEquals(hostCount, fixture.count("SELECT COUNT(*) FROM hosts"), "no host stored");
        assertEquals(0, fixture.count("SELECT COUNT(*) FROM alerts WHERE id = ? AND acknowledged_at IS NOT NULL", ackTarget),
                "the alert is not acknowledged");
    }

    @Test
    void stringsAtTheirMaximumAreStoredWhole() throws IOException {
        long end = System.currentTimeMillis() + 3_600_000;
        String comment = "\uD83D\uDD25".repeat(1000);
        HttpResponse<String> silence = api.post("/api/v1/silences", ADMIN, "{\"matchers\": {\"team\": \"db\", \"env\": \""
                + "v".repeat(256) + "\"}, \"endsAt\": " + end + ", \"comment\": \"" + comment + "\", \"createdBy\": \""
                + "b".repeat(128) + "\"}");
        assertEquals(201, silence.statusCode(), "a host label is a valid silence matcher: " + silence.body());
        assertEquals(comment, object(silence).get("comment"), "1,000 characters even when each takes two UTF-16 units");

        long ackable = fixture.alert(new AdminFixture.Alert("DatabaseSlow", "db-03", "{}", null, "warning", "firing", 2500, T0));
        HttpResponse<String> ack = api.post("/api/v1/alerts/" + ackable + "/ack", ADMIN,
                "{\"by\": \"" + "a".repeat(128) + "\", \"comment\": \"" + "c".repeat(1000) + "\"}");
        assertEquals(200, ack.statusCode(), ack.body());
        Map<String, Object> detail = object(api.get("/api/v1/alerts/" + ackable, ADMIN));
        assertEquals("a".repeat(128), detail.get("acknowledgedBy"));
        assertEquals("c".repeat(1000), detail.get("acknowledgedComment"));
        assertNotNull(detail.get("acknowledgedAt"));
        assertEquals(List.of("acknowledged"), ((List<?>) detail.get("events")).stream().map(e -> ((Map<?, ?>) e).get("kind")).toList());
    }

    // ---- helpers ----

    Map<String, Object> host(String name) throws IOException {
        return list(api.get("/api/v1/hosts", ADMIN)).stream().filter(h -> name.equals(h.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no host " + name));
    }

    static Map<String, Object> alertIn(List<Map<String, Object>> alerts, long id) {
        return alerts.stream().filter(a -> ((Number) a.get("id")).longValue() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no alert " + id + " in " + alerts));
    }

    List<Long> ids(String path) throws IOException {
        return list(api.get(path, ADMIN)).stream().map(n -> ((Number) n.get("id")).longValue()).toList();
    }

    static List<Long> longs(Object numbers) {
        return ((List<?>) numbers).stream().map(n -> ((Number) n).longValue()).toList();
    }

    Map<String, Object> object(HttpResponse<String> response) {
        return answers.object(response);
    }

    List<Map<String, Object>> list(HttpResponse<String> response) {
        return answers.list(response);
    }

    void assertError(HttpResponse<String> response, int status, String field) {
        answers.assertError(response, status, field);
    }
}
