package dev.vigil.agent;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.probe.CpuTicks;
import dev.vigil.agent.probe.HostProbe;
import dev.vigil.agent.probe.HostReading;
import dev.vigil.agent.send.HttpBatchSender;
import dev.vigil.agent.spool.SpoolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** The embeddable agent end to end: collect into the spool, deliver, and keep what could not be sent at close. */
class AgentTest {

    @TempDir
    Path dir;

    private static HostProbe fakeHost() {
        AtomicLong n = new AtomicLong();
        return () -> {
            long i = n.incrementAndGet();
            return new HostReading(i * 1_000_000_000L, new CpuTicks(10 * i, 0, 0, 90 * i, 0, 0, 0, 0), 2,
                    new double[]{0.1, 0.2, 0.3}, 100, 50, 0, 0, List.of(), List.of(), 10, 1, 100, 1000);
        };
    }

    @Test
    void collectsDeliversAndFlushesOnClose() throws Exception {
        try (IngestStub ingest = new IngestStub()) {
            AgentConfig config = AgentConfig.builder(ingest.baseUrl(), "h", "t")
                    .interval(Duration.ofHours(1))
                    .spool(new SpoolSettings(dir, 1 << 20)).build();
            Agent agent = Agent.start(config, fakeHost(), new HttpBatchSender(config.samplesEndpoint(), "t"),
                    Clock.systemUTC(), d -> Thread.sleep(5));
            agent.collectNow();
            agent.collectNow();
            long deadline = System.nanoTime() + 5_000_000_000L;
            // the stub records a body before it answers: wait until the agent has also seen the 202s
            while ((ingest.acceptedBodies().size() < 2 || agent.spooledBatches() > 0) && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            String first = ingest.acceptedBodies().get(0);
            assertTrue(first.contains("\"metric\":\"cpu_usage_percent\",\"labels\":{},\"ts\":"), first);
            assertTrue(first.contains("\"metric\":\"agent_spool_dropped_batches_total\""), first);

            ingest.stop();
            agent.collectNow();
            agent.close();
            assertEquals(1, agent.spooledBatches(), "unsent batch stays spooled at shutdown");
        }
        try (IngestStub back = new IngestStub()) {
            AgentConfig config = AgentConfig.builder(back.baseUrl(), "h", "t").interval(Duration.ofHours(1))
                    .spool(new SpoolSettings(dir, 1 << 20)).build();
            Agent restarted = Agent.start(config, fakeHost(), new HttpBatchSender(config.samplesEndpoint(), "t"),
                    Clock.systemUTC(), d -> Thread.sleep(5));
            restarted.close();
            assertEquals(0, restarted.spooledBatches());
            assertEquals(1, back.acceptedBodies().size(), "the batch left from last time arrives after restart");
        }
    }
}
