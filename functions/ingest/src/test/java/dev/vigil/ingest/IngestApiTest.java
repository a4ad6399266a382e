package dev.vigil.ingest;

import dev.vigil.core.testing.Sql;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API over a real socket against a real MySQL-compatible database. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestApiTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-0123456789";

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;

    ApiClient api;
    String dbToken;
    String webToken;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @BeforeAll
    void registerHosts() {
        api = new ApiClient(server.getURI());
        dbToken = token(api.post("/api/v1/hosts", ADMIN, "{\"name\": \"db-01\"}"));
        webToken = token(api.post("/api/v1/hosts", ADMIN, "{\"name\": \"web-01\"}"));
    }

    static String token(HttpResponse<String> created) {
        assertEquals(201, created.statusCode(), created.body());
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        assertTrue(m.find(), created.body());
        return m.group(1);
    }

    long storedSamples() {
        return Sql.count(dataSource, "SELECT COUNT(*) FROM samples");
    }

    @Test
    void acceptsABatchAndCountsResentSamplesAsDuplicates() {
        String batch = """
                {"host": "db-01",
                 "samples": [{"metric": "disk_used_percent", "labels": {"mount": "/"}, "ts": 1763600000000, "value": 91.2},
                             {"metric": "cpu_usage_percent", "ts": 1763600000000, "value": 12},
                             {"metric": "uptime_seconds", "value": 3600}]}""";
        HttpResponse<String> first = api.post("/api/v1/samples", dbToken, batch);
        assertEquals(202, first.statusCode(), first.body());
        assertEquals("{\"accepted\":3,\"duplicates\":0}", first.body());

        HttpResponse<String> again = api.post("/api/v1/samples", dbToken, batch);
        assertEquals(202, again.statusCode());
        // the sample without ts gets the server time, so it is new again
        assertEquals("{\"accepted\":1,\"duplicates\":2}", again.body());

        HttpResponse<String> latest = api.get("/api/v1/hosts/db-01/latest", ADMIN);
        assertEquals(200, latest.statusCode());
        assertTrue(latest.body().contains("{\"metric\":\"disk_used_percent\",\"labels\":{\"mount\":\"/\"},\"value\":91.2,\"ts\":1763600000000}"), latest.body());

        HttpResponse<String> series = api.get("/api/v1/series?host=db-01&metric=disk_used_percent&from=1763599000000&to=1763601000000", ADMIN);
        assertEquals(200, series.statusCode());
        assertTrue(series.body().contains("\"points\":[[1763600000000,91.2]]"), series.body());
    }

    @Test
    void listsHostsWithLastSeenAndUp() {
        api.post("/api/v1/samples", webToken, "{\"host\": \"web-01\", \"samples\": [{\"metric\": \"load1\", \"value\": 0.5}]}");
        HttpResponse<String> hosts = api.get("/api/v1/hosts", ADMIN);
        assertEquals(200, hosts.statusCode());
        assertTrue(hosts.body().matches(".*\\{\"name\":\"web-01\",\"createdAt\":\\d+,\"lastSeenAt\":\\d+,\"up\":true,\"labels\":\\{},\"inMaintenance\":false,\"maintenance\":null}.*"), hosts.body());
        assertFalse(hosts.body().contains("token"), "tokens are never listed");
    }

    @Test
    void aRevokedHostCanNoLongerSendAndCanBeReRegistered() {
        String token = token(api.post("/api/v1/hosts", ADMIN, "{\"name\": \"old-01\"}"));
        assertEquals(409, api.post("/api/v1/hosts", ADMIN, "{\"name\": \"old-01\"}").statusCode());
        assertEquals(204, api.delete("/api/v1/hosts/old-01", ADMIN).statusCode());
        HttpResponse<String> refused = api.post("/api/v1/samples", token, "{\"host\": \"old-01\", \"samples\": []}");
        assertEquals(401, refused.statusCode());
        assertEquals(404, api.delete("/api/v1/hosts/old-01", ADMIN).statusCode());
        String fresh = token(api.post("/api/v1/hosts", ADMIN, "{\"name\": \"old-01\"}"));
        assertEquals(202, api.post("/api/v1/samples", fresh, "{\"host\": \"old-01\", \"samples\": []}").statusCode());
    }

    @Test
    void healthIsUpWhenTheDatabaseAnswers() {
        HttpResponse<String> health = api.get("/health", null);
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    }

    @Test
    void aCorruptCompressedBodyIsA400NotA500() {
        byte[] notGzip = {0x1f, (byte) 0x8b, 0x08, 'g', 'a', 'r', 'b', 'a', 'g', 'e'};
        HttpResponse<String> gzip = api.post("/api/v1/samples", dbToken, "application/json", notGzip, Map.of("Content-Encoding", "gzip"));
        assertEquals(400, gzip.statusCode(), gzip.body());
        assertTrue(gzip.body().contains("could not be decoded"), gzip.body());
        HttpResponse<String> deflate = api.post("/api/v1/samples", dbToken, "application/json", "x".getBytes(StandardCharsets.UTF_8), Map.of("Content-Encoding", "deflate"));
        assertEquals(400, deflate.statusCode(), deflate.body());
    }

    @Test
    void errorsNeverEchoTheQueryStringWhereClientsPutTokens() {
        HttpResponse<String> refused = api.delete("/api/v1/samples?p=vgl_secret_in_query", dbToken);
        assertEquals(405, refused.statusCode());
        assertFalse(refused.body().contains("vgl_secret_in_query"), refused.body());
        HttpResponse<String> missing = api.get("/nowhere?p=vgl_secret_in_query", null);
        assertEquals(404, missing.statusCode());
        assertFalse(missing.body().contains("vgl_secret_in_query"), missing.body());
    }

    @Test
    void registeringTheSameHostConcurrentlyGivesOne201AndOnly409s() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> api.post("/api/v1/hosts", ADMIN, "{\"name\": \"race-01\"}").statusCode()));
        }
        java.util.List<Integer> codes = new java.util.ArrayList<>();
        for (var f : answers) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
        assertEquals(7, codes.stream().filter(c -> c == 409).count(), codes.toString());
    }

    @Test
    void healthReportsAStaleEvaluationWithoutTakingTheApiOutOfService() {
        long longAgo = System.currentTimeMillis() - 3_600_000L;
        Sql.execute(dataSource, "INSERT INTO job_runs (job, started_at, finished_at, ok) VALUES ('evaluate', "
                + longAgo + ", " + longAgo + ", TRUE)");
        try {
            HttpResponse<String> health = api.get("/health", null);
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"DEGRADED\"") && health.body().contains("stale"), health.body());
        } finally {
            Sql.execute(dataSource, "DELETE FROM job_runs");
        }
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheApiErrorShape() {
        HttpResponse<String> missing = api.get("/api/v1/nothing-here", ADMIN);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().startsWith("{\"error\":"), missing.body());
        HttpResponse<String> unknownHost = api.get("/api/v1/hosts/nope/latest", ADMIN);
        assertEquals(404, unknownHost.statusCode());
        assertEquals("{\"error\":\"no host named 'nope'\"}", unknownHost.body());
    }

    @Test
    void adminEndpointsRefuseHostTokensAndMissingTokens() {
        assertEquals(403, api.get("/api/v1/hosts", dbToken).statusCode());
        assertEquals(401, api.get("/api/v1/hosts", null).statusCode());
        assertEquals(401, api.get("/api/v1/hosts", "wrong").statusCode());
        assertEquals(400, api.post("/api/v1/hosts", ADMIN, "{\"name\": \"bad name!\"}").statusCode());
        assertEquals(400, api.get("/api/v1/series?metric=load1&from=yesterday", ADMIN).statusCode());
    }

    /** Each bad request, its status, and words that must appear in the error; nothing may be stored. */
    Stream<Arguments> badRequests() {
        String ok = "{\"metric\": \"load1\", \"value\": 1, \"ts\": 1763600000000}";
        long future = System.currentTimeMillis() + 11 * 60_000L;
        StringBuilder manyLabels = new StringBuilder("{");
        for (int i = 0; i < 33; i++) {
            manyLabels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
        }
        manyLabels.append('}');
        StringBuilder tooMany = new StringBuilder("{\"host\":\"db-01\",\"samples\":[");
        for (int i = 0; i < 10_001; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"metric\":\"m\",\"value\":1,\"ts\":").append(1_700_000_000_000L + i).append('}');
        }
        tooMany.append("]}");
        byte[] huge = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        return Stream.of(
                bad("malformed JSON", "{\"host\": \"db-01\", \"samples\": [", 400, "malformed JSON", null),
                bad("not an object", "[1,2]", 400, "JSON object", null),
                bad("host not a string", "{\"host\": 7, \"samples\": []}", 400, "host must be a string", "host"),
                bad("host missing", "{\"samples\": [" + ok + "]}", 400, "host is required", "host"),
                bad("samples missing", "{\"host\": \"db-01\"}", 400, "samples is required", "samples"),
                bad("samples not an array", "{\"host\": \"db-01\", \"samples\": {}}", 400, "samples must be an array", "samples"),
                bad("metric missing", batch("{\"value\": 1}"), 400, "metric is required", "samples[1].metric"),
                bad("metric not a string", batch("{\"metric\": 5, \"value\": 1}"), 400, "metric must be a string", "samples[1].metric"),
                bad("metric name invalid", batch("{\"metric\": \"disk used\", \"value\": 1}"), 400, "must match", "samples[1].metric"),
                bad("value missing", batch("{\"metric\": \"load1\"}"), 400, "value is required", "samples[1].value"),
                bad("value a string", batch("{\"metric\": \"load1\", \"value\": \"1.5\"}"), 400, "value must be a number", "samples[1].value"),
                bad("value NaN", batch("{\"metric\": \"load1\", \"value\": NaN}"), 400, "finite", "samples[1].value"),
                bad("value Infinity", batch("{\"metric\": \"load1\", \"value\": -Infinity}"), 400, "finite", "samples[1].value"),
                bad("value overflows", batch("{\"metric\": \"load1\", \"value\": 1e999}"), 400, "finite", "samples[1].value"),
                bad("ts negative", batch("{\"metric\": \"load1\", \"value\": 1, \"ts\": -5}"), 400, "must not be negative", "samples[1].ts"),
                bad("ts in the future", batch("{\"metric\": \"load1\", \"value\": 1, \"ts\": " + future + "}"), 400, "in the future", "samples[1].ts"),
                bad("ts not an integer", batch("{\"metric\": \"load1\", \"value\": 1, \"ts\": 1.5}"), 400, "ts must be an integer", "samples[1].ts"),
                bad("labels not an object", batch("{\"metric\": \"load1\", \"value\": 1, \"labels\": [\"a\"]}"), 400, "labels must be an object", "samples[1].labels"),
                bad("label value not a string", batch("{\"metric\": \"load1\", \"value\": 1, \"labels\": {\"mount\": 1}}"), 400, "string value", "samples[1].labels.mount"),
                bad("label name invalid", batch("{\"metric\": \"load1\", \"value\": 1, \"labels\": {\"bad-name\": \"x\"}}"), 400, "label name 'bad-name'", "samples[1].labels.bad-name"),
                bad("label name reserved", batch("{\"metric\": \"load1\", \"value\": 1, \"labels\": {\"__name__\": \"x\"}}"), 400, "reserved", "samples[1].labels.__name__"),
                bad("more than 32 labels", batch("{\"metric\": \"load1\", \"value\": 1, \"labels\": " + manyLabels + "}"), 400, "more than 32 labels", "samples[1].labels"),
                bad("label value a lone surrogate", batch("{\"metric\": \"load1\", \"value\": 1, \"labels\": {\"mount\": \"\\ud800\"}}"), 400, "not valid Unicode", "samples[1].labels.mount"),
                bad("label value too long", batch("{\"metric\": \"load1\", \"value\": 1, \"labels\": {\"mount\": \"" + "x".repeat(257) + "\"}}"), 400, "longer than 256", "samples[1].labels.mount"),
                bad("more than 10,000 samples", tooMany.toString(), 400, "more than 10000 samples", "samples"),
                Arguments.of("body over 1 MiB", "db", "application/json", huge, 413, "over the limit", null),
                Arguments.of("empty body", "db", "application/json", new byte[0], 400, "empty", null),
                Arguments.of("wrong content type", "db", "text/plain", batch(ok).getBytes(StandardCharsets.UTF_8), 415, "Content-Type", null),
                Arguments.of("no content type", "db", null, batch(ok).getBytes(StandardCharsets.UTF_8), 415, "Content-Type", null),
                Arguments.of("no token", null, "application/json", batch(ok).getBytes(StandardCharsets.UTF_8), 401, "Authorization", null),
                Arguments.of("unknown token", "bogus", "application/json", batch(ok).getBytes(StandardCharsets.UTF_8), 401, "invalid", null),
                Arguments.of("another host's token", "web", "application/json", batch(ok).getBytes(StandardCharsets.UTF_8), 403, "may not write for host 'db-01'", "host"),
                Arguments.of("admin token", "admin", "application/json", batch(ok).getBytes(StandardCharsets.UTF_8), 403, "host's own token", null));
    }

    static String batch(String secondSample) {
        return "{\"host\": \"db-01\", \"samples\": [{\"metric\": \"load1\", \"value\": 1, \"ts\": 1763600000001}, " + secondSample + "]}";
    }

    static Arguments bad(String name, String body, int status, String words, String field) {
        return Arguments.of(name, "db", "application/json", body.getBytes(StandardCharsets.UTF_8), status, words, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadInputClearlyAndStoresNothing(String name, String who, String contentType, byte[] body,
                                                int status, String words, String field) {
        String token = who == null ? null : switch (who) {
            case "db" -> dbToken;
            case "web" -> webToken;
            case "admin" -> ADMIN;
            default -> who;
        };
        long before = storedSamples();
        HttpResponse<String> response = api.post("/api/v1/samples", token, contentType, body);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"error\":\""), response.body());
        assertTrue(response.body().contains(words), response.body());
        if (field != null) {
            assertTrue(response.body().contains("\"field\":\"" + field + "\""), response.body());
        }
        assertFalse(response.body().contains("Exception"), "no stack traces: " + response.body());
        assertEquals(before, storedSamples(), "a refused batch stores nothing");
    }
}
