package dev.vigil.ingest.outage;

import dev.vigil.ingest.ApiClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The database dies under a running ingest (SIGKILL of a private MariaDB): every endpoint answers
 * 503 with Retry-After within 3 s and names nothing internal, /health says DOWN within 3 s, and when
 * the database is back the API recovers by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    static final String ADMIN = "outage-admin-token-0123456789";
    static final Duration FAST_ANSWER = Duration.ofSeconds(3);
    static final Duration RECOVERY = Duration.ofSeconds(15);
    /** Words of drivers, pools and frameworks that must never reach a client. */
    static final Pattern INTERNALS = Pattern.compile(
            "(?i)hikari|jdbc|sqlexception|exception|java\\.|com\\.|io\\.micronaut|mysql|mariadb|connection is not available|communications link");

    PrivateMariaDb db;
    EmbeddedServer server;
    ApiClient api;
    String hostToken;

    record Call(String name, String method, String path, String token, String contentType, String body) {
    }

    /** The pool's own warnings (with stack traces) about connections it finds broken: expected in this test. */
    final ch.qos.logback.classic.Logger pool = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.zaxxer.hikari");
    ch.qos.logback.classic.Level poolLevel;

    @BeforeAll
    void start() throws Exception {
        poolLevel = pool.getLevel();
        pool.setLevel(ch.qos.logback.classic.Level.ERROR);
        db = PrivateMariaDb.start();
        db.createDatabase("vigil");
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", db.jdbcUrl("vigil"),
                "datasources.default.username", "root",
                "datasources.default.password", "",
                "vigil.admin-token", ADMIN,
                "micronaut.server.port", "-1"));
        api = new ApiClient(server.getURI());
        hostToken = api.registerHost("db-01", ADMIN);
    }

    @AfterAll
    void stop() throws Exception {
        pool.setLevel(poolLevel);
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (db != null) {
            db.close();
        }
    }

    List<Call> everyEndpoint() {
        long now = System.currentTimeMillis();
        return List.of(
                new Call("native samples", "POST", "/api/v1/samples", hostToken, "application/json",
                        "{\"host\":\"db-01\",\"samples\":[{\"metric\":\"load1\",\"value\":1}]}"),
                new Call("prometheus text", "POST", "/api/v1/write/prometheus/db-01", hostToken, "text/plain",
                        "node_load1 0.5\n"),
                new Call("influx line protocol", "POST", "/api/v1/write/influx", hostToken, "text/plain",
                        "system,host=db-01 load1=0.5 " + now * 1_000_000 + "\n"),
                new Call("collectd json", "POST", "/api/v1/write/collectd", hostToken, "application/json",
                        "[{\"values\":[0.5],\"dstypes\":[\"gauge\"],\"dsnames\":[\"shortterm\"],\"time\":" + now / 1000
                                + ",\"interval\":10,\"host\":\"db-01\",\"plugin\":\"load\",\"plugin_instance\":\"\",\"type\":\"load\",\"type_instance\":\"\"}]"),
                new Call("register host", "POST", "/api/v1/hosts", ADMIN, "application/json", "{\"name\":\"web-09\"}"),
                new Call("list hosts", "GET", "/api/v1/hosts", ADMIN, null, null),
                new Call("latest values", "GET", "/api/v1/hosts/db-01/latest", ADMIN, null, null),
                new Call("revoke host", "DELETE", "/api/v1/hosts/web-77", ADMIN, null, null),
                new Call("series", "GET", "/api/v1/series?host=db-01", ADMIN, null, null),
                new Call("alerts", "GET", "/api/v1/alerts", ADMIN, null, null),
                new Call("ack", "POST", "/api/v1/alerts/1/ack", ADMIN, "application/json", "{}"),
                new Call("silences", "GET", "/api/v1/silences", ADMIN, null, null),
                new Call("new silence", "POST", "/api/v1/silences", ADMIN, "application/json",
                        "{\"matchers\":{\"host\":\"db-01\"},\"startsAt\":" + now + ",\"endsAt\":" + (now + 60_000) + ",\"comment\":\"x\"}"),
                new Call("overview", "GET", "/api/v1/overview", ADMIN, null, null),
                new Call("db stats", "GET", "/api/v1/db-stats", ADMIN, null, null));
    }

    HttpResponse<String> send(Call call) {
        return switch (call.method()) {
            case "GET" -> api.get(call.path(), call.token());
            case "DELETE" -> api.delete(call.path(), call.token());
            default -> api.post(call.path(), call.token(), call.contentType(), call.body().getBytes(StandardCharsets.UTF_8));
        };
    }

    @Test
    void everyEndpointAnswersAFast503WhileTheDatabaseIsDownAndRecoversWhenItReturns() throws Exception {
        HttpResponse<String> before = send(everyEndpoint().get(0));
        assertEquals(202, before.statusCode(), before.body());

        long killedAt = System.nanoTime();
        db.kill();
        List<String> problems = new ArrayList<>();
        long slowest = 0;
        long firstAnswer = -1;
        for (Call call : everyEndpoint()) {
            long started = System.nanoTime();
            HttpResponse<String> r = send(call);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            if (firstAnswer < 0) {
                firstAnswer = (System.nanoTime() - killedAt) / 1_000_000;
            }
            slowest = Math.max(slowest, tookMs);
            if (r.statusCode() != 503) {
                problems.add(call.name() + ": status " + r.statusCode() + " " + r.body());
            }
            if (r.headers().firstValue("Retry-After").isEmpty()) {
                problems.add(call.name() + ": no Retry-After");
            }
            if (INTERNALS.matcher(r.body()).find()) {
                problems.add(call.name() + ": names internals: " + r.body());
            }
            if (tookMs > FAST_ANSWER.toMillis()) {
                problems.add(call.name() + ": took " + tookMs + " ms");
            }
        }
        long healthStarted = System.nanoTime();
        HttpResponse<String> health = api.get("/health", null);
        long healthMs = (System.nanoTime() - healthStarted) / 1_000_000;
        System.out.printf("database outage: first 503 %d ms after the kill, slowest endpoint %d ms, /health DOWN in %d ms%n",
                firstAnswer, slowest, healthMs);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("DOWN"), health.body());
        assertTrue(health.headers().firstValue("Retry-After").isPresent());
        assertTrue(healthMs <= FAST_ANSWER.toMillis(), "health took " + healthMs + " ms");

        db.startServer();
        long upAt = System.nanoTime();
        HttpResponse<String> after;
        do {
            after = send(everyEndpoint().get(0));
            if (after.statusCode() == 202) {
                break;
            }
            Thread.sleep(100); // polling a real server that comes back on its own time
        } while (System.nanoTime() - upAt < RECOVERY.toNanos());
        long recoveredMs = (System.nanoTime() - upAt) / 1_000_000;
        System.out.printf("database outage: samples accepted again %d ms after the database was back%n", recoveredMs);
        assertEquals(202, after.statusCode(), after.body());
        assertEquals(200, api.get("/health", null).statusCode());
        for (Call call : everyEndpoint()) {
            HttpResponse<String> r = send(call);
            assertFalse(r.statusCode() >= 500, call.name() + " after recovery: " + r.statusCode() + " " + r.body());
        }
    }

    @Test
    void noAnswerNamesInternalsWhileTheDatabaseIsUp() {
        for (Call call : everyEndpoint()) {
            HttpResponse<String> r = send(call);
            if (INTERNALS.matcher(r.body()).find() && r.statusCode() >= 400) {
                fail(call.name() + ": " + r.body());
            }
        }
    }
}
