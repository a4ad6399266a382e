package dev.vigil.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The command line: --dry-run prints, --once prints and sends, bad config exits 2 with a message. */
class AgentMainTest {

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AgentMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false);
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("agent.yml"), yaml);
    }

    @Test
    void dryRunPrintsOneBatchAndSendsNothing() throws Exception {
        try (IngestStub ingest = new IngestStub()) {
            Path cfg = config("url: " + ingest.baseUrl() + "\nhost: test-host\ntoken: t\n"
                    + "checks: [{name: answer, command: 'echo 42'}]\n");
            assertEquals(0, run("--config", cfg.toString(), "--dry-run"));
            String json = out.toString(StandardCharsets.UTF_8).trim();
            assertTrue(json.startsWith("{\"host\":\"test-host\",\"samples\":[{\"metric\":"), json);
            assertTrue(json.contains("\"metric\":\"cpu_usage_percent\""), "rates present: baseline taken first");
            assertTrue(json.contains("{\"metric\":\"check_value\",\"labels\":{\"check\":\"answer\"}"), json);
            assertTrue(json.contains("\"mount\":\"/\""), json);
            assertEquals(0, ingest.received().size());
        }
    }

    @Test
    void oncePrintsAndSendsAndExitsZeroOn202() throws Exception {
        try (IngestStub ingest = new IngestStub()) {
            Path cfg = config("url: " + ingest.baseUrl() + "\nhost: h1\ntoken: secret\n");
            assertEquals(0, run("--config", cfg.toString(), "--once"));
            assertEquals(1, ingest.received().size());
            assertEquals(out.toString(StandardCharsets.UTF_8).trim(), ingest.received().get(0).body());
            assertEquals("Bearer secret", ingest.received().get(0).authorization());
        }
    }

    @Test
    void onceExitsNonZeroWhenIngestRejects() throws Exception {
        try (IngestStub ingest = new IngestStub()) {
            ingest.then(401, "{\"error\":\"bad token\"}");
            Path cfg = config("url: " + ingest.baseUrl() + "\nhost: h1\ntoken: wrong\n");
            assertEquals(1, run("--config", cfg.toString(), "--once"));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("HTTP 401: bad token"), err.toString());
        }
    }

    @Test
    void badConfigExitsTwoNamingTheKeyWithoutAStackTrace() throws Exception {
        Path cfg = config("url: http://127.0.0.1:1\ntoken: t\ninterval: often\n");
        assertEquals(2, run("--config", cfg.toString(), "--dry-run"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("interval: 'often' is not a duration"), message);
        assertFalse(message.contains("at dev.vigil"), message);
        assertEquals(2, run("--config", dir.resolve("missing.yml").toString()));
        assertEquals(2, run("--bogus"));
        assertEquals(2, run());
    }
}
