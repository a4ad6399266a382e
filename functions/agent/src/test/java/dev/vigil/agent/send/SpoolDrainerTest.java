package dev.vigil.agent.send;

import dev.vigil.agent.LogCapture;
import dev.vigil.agent.IngestStub;
import dev.vigil.agent.spool.SpoolDirectory;
import dev.vigil.agent.spool.SpoolSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.*;

/** The drainer against a real HTTP server on 127.0.0.1. */
class SpoolDrainerTest {

    @TempDir
    Path dir;
    private IngestStub ingest;
    private SpoolDirectory spool;
    private SpoolDrainer drainer;

    @BeforeEach
    void setUp() throws Exception {
        ingest = new IngestStub();
        spool = new SpoolDirectory(new SpoolSettings(dir, 1 << 20));
        drainer = new SpoolDrainer(spool, new HttpBatchSender(ingest.endpoint(), "tok-1"),
                new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), RandomGenerator.of("L64X128MixRandom")),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        ingest.close();
    }

    private void spool(String... bodies) throws Exception {
        for (String b : bodies) {
            spool.append(b.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void deliversInOrderWithTokenAndContentType() throws Exception {
        spool("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        SpoolDrainer.Outcome outcome = drainer.drain(null);
        assertEquals(3, outcome.delivered());
        assertNull(outcome.retryIn());
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), ingest.acceptedBodies());
        assertEquals("Bearer tok-1", ingest.received().get(0).authorization());
        assertEquals("application/json", ingest.received().get(0).contentType());
        assertEquals(0, spool.batchCount());
    }

    @Test
    void serverErrorKeepsTheBatchAndBacksOffExponentially() throws Exception {
        spool("{\"n\":1}", "{\"n\":2}");
        for (int i = 0; i < 4; i++) {
            ingest.then(503, "{\"error\":\"database unavailable\"}");
        }
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 4; attempt++) {
            SpoolDrainer.Outcome o = drainer.drain(null);
            assertEquals(0, o.delivered());
            long step = 1000L << (attempt - 1);
            assertTrue(o.retryIn().toMillis() >= step / 2 && o.retryIn().toMillis() <= step, "attempt " + attempt + ": " + o.retryIn());
            assertTrue(o.retryIn().compareTo(previous) > 0 || attempt == 1);
            previous = o.retryIn();
        }
        assertEquals(2, spool.batchCount(), "nothing lost");
        assertEquals(2, drainer.drain(null).delivered());
        assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), ingest.acceptedBodies());
        assertEquals(0, drainer.consecutiveFailures());
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        spool("{\"n\":1}");
        ingest.then(429, "{\"error\":\"slow down\"}", Map.of("Retry-After", "42"));
        assertEquals(Duration.ofSeconds(42), drainer.drain(null).retryIn());
        assertEquals(1, drainer.drain(null).delivered());
    }

    @Test
    void clientErrorDropsOnlyThatBatch() throws Exception {
        spool("{\"n\":1}", "{\"bad\":true}", "{\"n\":3}");
        ingest.then(202, "{\"accepted\":1,\"duplicates\":0}");
        ingest.then(400, "{\"error\":\"samples[0].value must be finite\",\"field\":\"samples[0].value\"}");
        SpoolDrainer.Outcome o;
        try (LogCapture log = LogCapture.of(SpoolDrainer.class)) {
            o = drainer.drain(null);
            assertTrue(log.messages().get(0).contains("HTTP 400"), log.messages().toString());
        }
        assertEquals(2, o.delivered());
        assertEquals(1, o.rejected());
        assertEquals(List.of("{\"n\":1}", "{\"n\":3}"), ingest.acceptedBodies());
        assertEquals(0, spool.batchCount());
    }

    @Test
    void unreachableIngestIsRetryable() throws Exception {
        spool("{\"n\":1}");
        ingest.stop();
        SpoolDrainer.Outcome o = drainer.drain(null);
        assertNotNull(o.retryIn());
        assertEquals(1, spool.batchCount());
    }

    @Test
    void backoffIsCappedAndJittered() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), RandomGenerator.of("L64X128MixRandom"));
        for (int failures = 12; failures < 40; failures++) {
            Duration d = backoff.delay(failures, null);
            assertTrue(d.compareTo(Duration.ofMinutes(5)) <= 0 && d.compareTo(Duration.ofMinutes(2).plusSeconds(30)) >= 0, d.toString());
        }
        assertEquals(Duration.ofHours(1), backoff.delay(1, Duration.ofDays(1)), "absurd Retry-After is bounded");
        assertEquals(Duration.ofSeconds(90), HttpBatchSender.retryAfter("90"));
        assertNull(HttpBatchSender.retryAfter("soon"));
    }
}
