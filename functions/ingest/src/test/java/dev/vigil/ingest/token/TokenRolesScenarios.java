package dev.vigil.ingest.token;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.host.HostTokens;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import dev.vigil.ingest.format.remotewrite.RemoteWriteBodies;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role against a representative read and write of every controller, over a real socket: admin does
 * everything but write samples as a host, viewer reads and changes nothing, writer only writes samples (for
 * any host), a host token only writes for its own host. Subclasses run it on MariaDB/MySQL and on H2.
 */
abstract class TokenRolesScenarios implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-roles";
    static final String HOST = "roles-01";

    enum Caller { ADMIN, VIEWER, WRITER, HOST, NONE }

    /** One endpoint call; {@code allowed} lists the callers that get past the role check. */
    record Call(String label, BiFunction<TokenRolesScenarios, String, HttpResponse<String>> send, List<Caller> allowed) {
        @Override
        public String toString() {
            return label;
        }
    }

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
    String viewer;
    String writer;
    String hostToken;
    static final AtomicInteger SEQ = new AtomicInteger();

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @BeforeAll
    void givenATokenOfEachRole() {
        api = new ApiClient(server.getURI());
        answers = new JsonAnswers(json);
        viewer = create("wall", "viewer");
        writer = create("prometheus", "writer");
        hostToken = hosts.register(HOST).orElseThrow().token();
    }

    String create(String name, String role) {
        HttpResponse<String> created = api.post("/api/v1/tokens", ADMIN, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> body = answers.object(created);
        assertEquals(name, body.get("name"));
        assertEquals(role, body.get("role"));
        return (String) body.get("token");
    }

    String token(Caller caller) {
        return switch (caller) {
            case ADMIN -> ADMIN;
            case VIEWER -> viewer;
            case WRITER -> writer;
            case HOST -> hostToken;
            case NONE -> null;
        };
    }

    static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    static final List<Caller> READERS = List.of(Caller.ADMIN, Caller.VIEWER);
    static final List<Caller> ADMINS = List.of(Caller.ADMIN);
    static final List<Caller> SENDERS = List.of(Caller.WRITER, Caller.HOST);
    static final List<Caller> HOSTS_ONLY = List.of(Caller.HOST);

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<Call> calls() {
        long ts = System.currentTimeMillis();
        return List.of(
                new Call("GET hosts", (t, tok) -> t.api.get("/api/v1/hosts", tok), READERS),
                new Call("GET host", (t, tok) -> t.api.get("/api/v1/hosts/" + HOST, tok), READERS),
                new Call("GET host latest", (t, tok) -> t.api.get("/api/v1/hosts/" + HOST + "/latest", tok), READERS),
                new Call("POST hosts", (t, tok) -> t.api.post("/api/v1/hosts", tok, "{\"name\":\"" + unique("new") + "\"}"), ADMINS),
                new Call("PUT host labels", (t, tok) -> t.api.put("/api/v1/hosts/" + HOST + "/labels", tok, "{\"team\":\"db\"}"), ADMINS),
                new Call("DELETE host", (t, tok) -> t.api.delete("/api/v1/hosts/no-such-host", tok), ADMINS),
                new Call("GET alerts", (t, tok) -> t.api.get("/api/v1/alerts", tok), READERS),
                new Call("GET alert", (t, tok) -> t.api.get("/api/v1/alerts/999999", tok), READERS),
                new Call("POST alert ack", (t, tok) -> t.api.post("/api/v1/alerts/999999/ack", tok, "{}"), ADMINS),
                new Call("GET silences", (t, tok) -> t.api.get("/api/v1/silences", tok), READERS),
                new Call("POST silences", (t, tok) -> t.api.post("/api/v1/silences", tok,
                        "{\"matchers\":{\"host\":\"roles-01\"},\"endsAt\":" + (ts + 3_600_000) + ",\"comment\":\"roles\"}"), ADMINS),
                new Call("DELETE silence", (t, tok) -> t.api.delete("/api/v1/silences/999999", tok), ADMINS),
                new Call("GET overview", (t, tok) -> t.api.get("/api/v1/overview", tok), READERS),
                new Call("GET series", (t, tok) -> t.api.get("/api/v1/series?host=" + HOST + "&metric=load1", tok), READERS),
                new Call("GET db-stats", (t, tok) -> t.api.get("/api/v1/db-stats", tok), READERS),
                new Call("GET notifications", (t, tok) -> t.api.get("/api/v1/notifications", tok), READERS),
                new Call("GET tokens", (t, tok) -> t.api.get("/api/v1/tokens", tok), ADMINS),
                new Call("POST tokens", (t, tok) -> t.api.post("/api/v1/tokens", tok,
                        "{\"name\":\"" + unique("t") + "\",\"role\":\"viewer\"}"), ADMINS),
                new Call("DELETE token", (t, tok) -> t.api.delete("/api/v1/tokens/no-such-token", tok), ADMINS),
                new Call("POST samples", (t, tok) -> t.api.post("/api/v1/samples", tok, "{\"host\":\"" + HOST
                        + "\",\"samples\":[{\"metric\":\"load1\",\"ts\":" + ts + ",\"value\":0.5}]}"), SENDERS),
                new Call("POST prometheus text", (t, tok) -> t.api.post("/api/v1/write/prometheus/" + HOST, tok,
                        "text/plain", utf8("node_load1 0.5\n")), SENDERS),
                new Call("POST remote write", (t, tok) -> t.api.post("/api/v1/write", tok, "application/x-protobuf",
                        new RemoteWriteBodies().add("node_load1", HOST + ":9100", Map.of(), 0.5, ts).snappy(),
                        Map.of("Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "0.1.0")), SENDERS),
                new Call("POST influx", (t, tok) -> t.api.post("/api/v2/write", tok, "text/plain",
                        utf8("system,host=" + HOST + " load1=0.5\n")), HOSTS_ONLY),
                new Call("POST collectd", (t, tok) -> t.api.post("/api/v1/write/collectd", tok, "application/json",
                        utf8("[{\"values\":[0.5],\"dstypes\":[\"gauge\"],\"dsnames\":[\"shortterm\"],\"time\":" + ts / 1000
                                + ",\"interval\":10,\"host\":\"" + HOST + "\",\"plugin\":\"load\",\"plugin_instance\":\"\","
                                + "\"type\":\"load\",\"type_instance\":\"\"}]")), HOSTS_ONLY));
    }

    static Stream<Arguments> everyRoleAgainstEveryCall() {
        List<Arguments> rows = new ArrayList<>();
        for (Call call : calls()) {
            for (Caller caller : Caller.values()) {
                rows.add(Arguments.of(call, caller));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyRoleAgainstEveryCall")
    void eachRoleGetsExactlyWhatItMay(Call call, Caller caller) {
        HttpResponse<String> answer = call.send().apply(this, token(caller));
        int status = answer.statusCode();
        if (caller == Caller.NONE) {
            assertEquals(401, status, answer.body());
        } else if (call.allowed().contains(caller)) {
            assertTrue(status != 401 && status != 403 && status < 500, call + " as " + caller + ": " + status + " " + answer.body());
            if (call.label().startsWith("POST") && SENDERS.equals(call.allowed())) {
                assertTrue(status == 202 || status == 204, call + " as " + caller + " stores: " + status + " " + answer.body());
            }
        } else {
            assertEquals(403, status, call + " as " + caller + ": " + answer.body());
            assertTrue(answer.body().contains("\"error\""), answer.body());
        }
    }

    @Test
    void theTokenIsShownOnceAndStoredOnlyAsItsHash() throws SQLException {
        String secret = create("shown-once", "viewer");

        HttpResponse<String> list = api.get("/api/v1/tokens", ADMIN);
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains(secret), "the list must never carry a token");
        assertFalse(list.body().contains(HostTokens.hash(secret)), "nor its hash");
        Map<String, Object> listed = answers.list(list).stream().filter(t -> "shown-once".equals(t.get("name"))).findFirst().orElseThrow();
        assertEquals("viewer", listed.get("role"));
        assertNotNull(listed.get("createdAt"));
        assertNull(listed.get("lastUsedAt"), "not used yet");
        assertTrue(answers.list(list).stream().anyMatch(t -> "admin".equals(t.get("name")) && "admin".equals(t.get("role"))),
                "the configured admin token is listed as 'admin'");

        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM api_tokens WHERE name = 'shown-once'")) {
            assertTrue(rs.next());
            assertEquals(HostTokens.hash(secret), rs.getString("token_hash"));
            for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                String value = rs.getString(col);
                assertFalse(value != null && value.contains(secret), "column " + rs.getMetaData().getColumnName(col) + " holds the token");
            }
        }

        assertEquals(200, api.get("/api/v1/overview", secret).statusCode());
        Map<String, Object> used = answers.list(api.get("/api/v1/tokens", ADMIN)).stream()
                .filter(t -> "shown-once".equals(t.get("name"))).findFirst().orElseThrow();
        assertNotNull(used.get("lastUsedAt"), "a use is recorded");
    }

    @Test
    void deletionRevokesAtOnce() {
        String secret = create("short-lived", "viewer");
        assertEquals(200, api.get("/api/v1/hosts", secret).statusCode());

        assertEquals(204, api.delete("/api/v1/tokens/short-lived", ADMIN).statusCode());

        HttpResponse<String> after = api.get("/api/v1/hosts", secret);
        assertEquals(401, after.statusCode(), after.body());
        assertEquals(404, api.delete("/api/v1/tokens/short-lived", ADMIN).statusCode());
        assertFalse(api.get("/api/v1/tokens", ADMIN).body().contains("short-lived"));
    }

    @Test
    void namesAreUniqueAndValidatedAndRolesAreOneOfThree() {
        create("dup", "writer");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"dup\",\"role\":\"viewer\"}"), 409, "name");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"admin\",\"role\":\"viewer\"}"), 409, "name");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"-dash\",\"role\":\"viewer\"}"), 400, "name");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"" + "x".repeat(65) + "\",\"role\":\"viewer\"}"), 400, "name");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"a b\",\"role\":\"viewer\"}"), 400, "name");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"role\":\"viewer\"}"), 400, "name");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"ok\",\"role\":\"root\"}"), 400, "role");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"ok\"}"), 400, "role");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"ok\",\"role\":7}"), 400, "role");
        answers.assertError(api.post("/api/v1/tokens", ADMIN, "{\"name\":\"ok\",\"role\":\"viewer\",\"extra\":1}"), 400, "extra");
        answers.assertError(api.delete("/api/v1/tokens/admin", ADMIN), 400, "name");
        assertEquals(201, api.post("/api/v1/tokens", ADMIN, "{\"name\":\"A.b_c-" + "9".repeat(58) + "\",\"role\":\"admin\"}").statusCode());
    }

    @Test
    void anAdminRoleTokenCanManageTokensAndAWriterRegistersHostsWithoutTokens() {
        String second = create("second-admin", "admin");
        assertEquals(201, api.post("/api/v1/tokens", second, "{\"name\":\"made-by-second\",\"role\":\"viewer\"}").statusCode());

        HttpResponse<String> written = api.post("/api/v1/samples", writer, "{\"host\":\"fresh-from-writer\","
                + "\"samples\":[{\"metric\":\"load1\",\"value\":0.5}]}");
        assertEquals(202, written.statusCode(), written.body());
        assertTrue(hosts.findActive("fresh-from-writer").isPresent());
        assertNull(hosts.findActive("fresh-from-writer").orElseThrow().tokenHash(), "registered without a token of its own");

        assertEquals(204, api.delete("/api/v1/hosts/fresh-from-writer", ADMIN).statusCode());
        HttpResponse<String> afterDelete = api.post("/api/v1/samples", writer, "{\"host\":\"fresh-from-writer\","
                + "\"samples\":[{\"metric\":\"load1\",\"value\":0.5}]}");
        answers.assertError(afterDelete, 403, "host");

        HttpResponse<String> otherHost = api.post("/api/v1/samples", hostToken, "{\"host\":\"someone-else\","
                + "\"samples\":[{\"metric\":\"load1\",\"value\":0.5}]}");
        answers.assertError(otherHost, 403, "host");
    }

}
