package dev.vigil.agent.send;

import dev.vigil.agent.IngestStub;
import dev.vigil.agent.spool.SpoolDirectory;
import dev.vigil.agent.spool.SpoolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.*;

/** Given ingest goes away while batches keep coming, when it returns, then every batch arrives once, in order. */
class SendLoopTest {

    @TempDir
    Path dir;

    @Test
    void outageThenRecoveryDeliversEverythingInOrderExactlyOnce() throws Exception {
        try (IngestStub ingest = new IngestStub()) {
            SpoolDirectory spool = new SpoolDirectory(new SpoolSettings(dir, 1 << 20));
            RecordingSleeper sleeper = new RecordingSleeper();
            SpoolDrainer drainer = new SpoolDrainer(spool, new HttpBatchSender(ingest.endpoint(), "t"),
                    new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), RandomGenerator.of("L64X128MixRandom")),
                    Clock.systemUTC());
            List<String> sent = new ArrayList<>();
            try (SendLoop loop = new SendLoop(drainer, sleeper).start()) {
                for (int i = 0; i < 3; i++) {
                    sent.add(append(spool, loop, i));
                }
                // The stub records a body before it answers: wait until the agent saw the 202s (its spool is empty),
                // or stopping the stub could drop an answer and the agent would rightly send that batch again.
                await(() -> ingest.acceptedBodies().size() == 3 && spool.batchCount() == 0);

                ingest.stop();
                for (int i = 3; i < 8; i++) {
                    sent.add(append(spool, loop, i));
                }
                await(() -> sleeper.waits.size() >= 4);
                assertTrue(spool.batchCount() >= 5, "outage batches wait in the spool");
                assertTrue(sleeper.waits.get(3).compareTo(sleeper.waits.get(0)) > 0, "backoff grows: " + sleeper.waits);

                ingest.restart();
                await(() -> spool.batchCount() == 0);
            }
            assertEquals(sent, ingest.acceptedBodies(), "in order, exactly once");
        }
    }

    private static String append(SpoolDirectory spool, SendLoop loop, int n) throws Exception {
        String body = "{\"n\":" + n + "}";
        spool.append(body.getBytes(StandardCharsets.UTF_8));
        loop.nudge();
        return body;
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("condition not reached in 10 s");
            }
            Thread.sleep(5);
        }
    }
}
