package dev.vigil.local.deploy;

import dev.vigil.core.testing.TestDatabase;
import dev.vigil.local.deploy.LambdaRuntimeLauncher.Function;
import dev.vigil.local.deploy.RuntimeApiStub.Posted;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each function's packaged jar run by the AWS runtime interface client (the program the AWS Java base
 * images start) as a separate JVM against a Runtime API served here: every sample event in infra/events
 * comes back as its expected answer, bad events as well-formed function errors, an unreachable database as
 * an init error. This is what `sam local invoke` would show, without Docker. Runs after packaging (mvn verify).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Ingest first: its /health is UP only while no evaluation has run yet or the last one is fresh, and the
// scheduled functions' test runs evaluate, which can be minutes old by the time ingest's test starts.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaRuntimeIT {

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(20);
    static final String ADMIN_TOKEN = "lambda-runtime-admin";
    static final String MALFORMED_JSON = "{\"version\": \"0\", \"detail-type\": ";
    static final String NOT_AN_OBJECT = "[1, 2, 3]";

    final JsonMapper json = JsonMapper.createDefault();
    LambdaRuntimeLauncher launcher;
    Map<String, String> database;
    final Map<String, Long> coldStartMillis = new LinkedHashMap<>();

    @BeforeAll
    void setUp() throws IOException {
        launcher = new LambdaRuntimeLauncher();
        database = TestDatabase.freshMysql();
    }

    /** The secrets and database the template resolves from Secrets Manager and its parameters. */
    Map<String, String> given(String jdbcUrl) {
        Map<String, String> given = new HashMap<>();
        given.put("VIGIL_JDBC_URL", jdbcUrl);
        given.put("VIGIL_JDBC_USER", database.get("datasources.default.username"));
        given.put("VIGIL_JDBC_PASSWORD", database.get("datasources.default.password"));
        given.put("VIGIL_ADMIN_TOKEN", ADMIN_TOKEN);
        given.put("VIGIL_SMTP_PASSWORD", "");
        return given;
    }

    static String event(String file) throws IOException {
        return Files.readString(LambdaRuntimeLauncher.ROOT.resolve("infra/events").resolve(file));
    }

    Map<String, Object> parse(String text) throws IOException {
        return json.readValue(text, Argument.mapOf(String.class, Object.class));
    }

    /** One function's JVM with its Runtime API; closing stops the API and expects the client to give up. */
    final class Running implements AutoCloseable {
        final Function function;
        final RuntimeApiStub api;
        final Process process;
        final Path log;
        final long startedNanos;
        Long firstAnswerNanos;

        Running(String logicalId, String jdbcUrl) throws IOException {
            function = launcher.function(logicalId);
            api = new RuntimeApiStub("vigil-" + function.shortName());
            log = LambdaRuntimeLauncher.TARGET.resolve("lambda-task").resolve(function.shortName() + ".log");
            Files.createDirectories(log.getParent());
            // Lambda unpacks the package before the init phase starts: not part of the cold start.
            LambdaRuntimeLauncher.taskRoot(function);
            startedNanos = System.nanoTime();
            process = launcher.start(function, api.address(), launcher.environment(function, given(jdbcUrl)), log);
        }

        Posted invoke(String event) throws Exception {
            CompletableFuture<Posted> answer = api.invoke(event, Duration.ofSeconds(function.timeoutSeconds()));
            Posted posted = answer.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (firstAnswerNanos == null) {
                firstAnswerNanos = posted.receivedNanos();
                coldStartMillis.put(function.shortName(), (firstAnswerNanos - startedNanos) / 1_000_000);
            }
            return posted;
        }

        Map<String, Object> response(String event) throws Exception {
            Posted posted = invoke(event);
            assertEquals("response", posted.kind(), () -> "expected a response, got " + posted + "\n" + logText());
            return parse(posted.body());
        }

        void completesNormally(String eventFile) throws Exception {
            Posted posted = invoke(event(eventFile));
            assertEquals("response", posted.kind(), () -> eventFile + ": " + posted + "\n" + logText());
            assertEquals("null", posted.body().strip(), eventFile + ": a scheduled run answers nothing");
        }

        /** Lambda's function error: Runtime.UserException with errorMessage, errorType and a stack trace. */
        Map<String, Object> functionError(String event) throws Exception {
            Posted posted = invoke(event);
            assertEquals("error", posted.kind(), () -> "expected a function error for " + event + ", got " + posted);
            assertEquals("Runtime.UserException", posted.errorTypeHeader());
            return wellFormedError(posted);
        }

        String logText() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws Exception {
            api.close();
            try {
                assertTrue(waitForLog("Failed to get next"), () -> function.logicalId()
                        + ": the runtime client did not give up when the Runtime API went away\n" + logText());
                // The runtime loop has ended; the function's own non-daemon threads (Micronaut's scheduled
                // executor) may keep the JVM up, which Lambda never sees: it freezes and ends the sandbox.
                if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    System.out.printf("%s: runtime loop ended, JVM kept alive by the function's non-daemon threads%n",
                            function.logicalId());
                }
            } finally {
                process.destroyForcibly().waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }

        boolean waitForLog(String text) throws Exception {
            long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
            while (System.nanoTime() - deadline < 0) {
                if (logText().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return logText().contains(text);
                }
                // Polls a child process's output; no clock to inject.
                process.onExit().get(200, TimeUnit.MILLISECONDS);
            }
            return false;
        }
    }

    Map<String, Object> wellFormedError(Posted posted) throws IOException {
        Map<String, Object> error = parse(posted.body());
        assertTrue(error.get("errorMessage") instanceof String m && !m.isBlank(), "errorMessage in " + posted.body());
        assertTrue(error.get("errorType") instanceof String t && !t.isBlank(), "errorType in " + posted.body());
        assertTrue(error.get("stackTrace") == null || error.get("stackTrace") instanceof List<?>, "stackTrace in " + posted.body());
        return error;
    }

    Map<String, Object> jsonBody(Map<String, Object> response) throws IOException {
        return parse((String) response.get("body"));
    }

    /** ingest-post-samples.json with its host token, and a POST /api/v1/hosts event built from the same shape. */
    String withBearer(String event, String token) {
        return event.replace("Bearer REPLACE_WITH_HOST_TOKEN", "Bearer " + token);
    }

    String registerHostEvent(String host) throws IOException {
        return adminPostEvent("/api/v1/hosts", Map.of("name", host));
    }

    @SuppressWarnings("unchecked")
    String adminPostEvent(String path, Map<String, String> body) throws IOException {
        Map<String, Object> event = parse(withBearer(event("ingest-post-samples.json"), ADMIN_TOKEN));
        event.put("rawPath", path);
        ((Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http")).put("path", path);
        event.put("body", json.writeValueAsString(body));
        return json.writeValueAsString(event);
    }

    @Test
    @Order(1)
    void ingestAnswersItsEventsAndRefusesBadOnesAsFunctionErrors() throws Exception {
        try (Running ingest = new Running("IngestFunction", database.get("datasources.default.url"))) {
            Map<String, Object> health = ingest.response(event("ingest-health.json"));
            assertEquals(200, ((Number) health.get("statusCode")).intValue(), health.toString());
            assertEquals("UP", jsonBody(health).get("status"));

            Map<String, Object> unknownToken = ingest.response(event("ingest-post-samples.json"));
            assertEquals(401, ((Number) unknownToken.get("statusCode")).intValue(), unknownToken.toString());
            assertTrue(jsonBody(unknownToken).containsKey("error"), unknownToken.toString());

            Map<String, Object> registered = ingest.response(registerHostEvent("db-01"));
            assertEquals(201, ((Number) registered.get("statusCode")).intValue(), registered.toString());
            String token = (String) jsonBody(registered).get("token");

            Map<String, Object> accepted = ingest.response(withBearer(event("ingest-post-samples.json"), token));
            assertEquals(202, ((Number) accepted.get("statusCode")).intValue(), accepted.toString());
            assertEquals(2, ((Number) jsonBody(accepted).get("accepted")).intValue(), accepted.toString());
            assertEquals(2, count("SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id"
                    + " JOIN hosts h ON h.id = r.host_id WHERE h.name = 'db-01'"), "rows stored by the Lambda");

            // Prometheus's remote write through API Gateway: a binary body arrives base64-encoded.
            Map<String, Object> writer = ingest.response(adminPostEvent("/api/v1/tokens", Map.of("name", "prometheus", "role", "writer")));
            assertEquals(201, ((Number) writer.get("statusCode")).intValue(), writer.toString());
            String writerToken = (String) jsonBody(writer).get("token");
            Map<String, Object> written = ingest.response(event("ingest-remote-write.json").replace("REPLACE_WITH_WRITER_TOKEN", writerToken));
            assertEquals(204, ((Number) written.get("statusCode")).intValue(), written.toString());
            assertEquals(2, count("SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id"
                    + " JOIN hosts h ON h.id = r.host_id WHERE h.name = 'db-02'"), "remote-write rows stored for the instance's host");

            Map<String, Object> malformed = ingest.functionError(MALFORMED_JSON);
            assertEquals("An error occurred during JSON parsing", malformed.get("errorMessage"));
            // A scheduled event is not an API Gateway event: no requestContext to route.
            Map<String, Object> wrongShape = ingest.functionError(event("evaluate-scheduled.json"));
            System.out.println("ingest, scheduled event: " + wrongShape.get("errorType") + ": " + wrongShape.get("errorMessage"));

            // Still serving after the errors, as a warm Lambda would.
            assertEquals(200, ((Number) ingest.response(event("ingest-health.json")).get("statusCode")).intValue());
        }
    }

    @Test
    void scheduledFunctionsCompleteTheirEventsAndRefuseBadOnesAsFunctionErrors() throws Exception {
        // ingest's test may run later: these migrate the schema themselves, as every function does at start.
        Map<String, List<String>> events = new LinkedHashMap<>();
        events.put("EvaluateFunction", List.of("evaluate-scheduled.json"));
        events.put("NotifyFunction", List.of("notify-scheduled.json"));
        events.put("HousekeepingFunction", List.of("housekeeping-hourly.json", "housekeeping-weekly.json"));
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : events.entrySet()) {
            try (Running function = new Running(entry.getKey(), database.get("datasources.default.url"))) {
                for (String file : entry.getValue()) {
                    function.completesNormally(file);
                    seen.add(file);
                }
                Map<String, Object> malformed = function.functionError(MALFORMED_JSON);
                assertEquals("An error occurred during JSON parsing", malformed.get("errorMessage"));
                Map<String, Object> notAnObject = function.functionError(NOT_AN_OBJECT);
                assertEquals("java.lang.RuntimeException", notAnObject.get("errorType"));
                function.completesNormally(entry.getValue().get(0));
            }
        }
        assertEquals(4, seen.size(), seen.toString());
        System.out.println("cold start, process start to first answer (ms): " + coldStartMillis);
    }

    @Test
    void anUnreachableDatabaseIsAnInitError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "jdbc:mysql://127.0.0.1:" + closedPort + "/vigil?connectTimeout=2000";
        for (String logicalId : List.of("IngestFunction", "EvaluateFunction")) {
            try (RuntimeApiStub api = new RuntimeApiStub(logicalId)) {
                Function function = launcher.function(logicalId);
                Path log = LambdaRuntimeLauncher.TARGET.resolve("lambda-task").resolve(function.shortName() + "-init-error.log");
                Process process = launcher.start(function, api.address(),
                        launcher.environment(function, given(unreachable)), log);
                try {
                    Posted initError = api.initError().get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertEquals("Runtime.BadFunctionCode", initError.errorTypeHeader());
                    Map<String, Object> error = wellFormedError(initError);
                    assertTrue(((String) error.get("errorMessage")).contains("Communications link failure"), error.toString());
                    assertTrue(process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the client exits after an init error");
                    assertEquals(1, process.exitValue());
                    assertFalse(Files.readString(log).contains("Failed to get next"), "no invocation is asked for");
                } finally {
                    process.destroyForcibly();
                }
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.get("datasources.default.url"),
                database.get("datasources.default.username"), database.get("datasources.default.password"));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
