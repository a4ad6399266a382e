package dev.vigil.agent;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.logs.LogLineShipper;
import dev.vigil.agent.probe.HostProbe;
import dev.vigil.agent.probe.HostSampleCollector;
import dev.vigil.agent.probe.OshiHostProbe;
import dev.vigil.agent.sample.SampleBatch;
import dev.vigil.agent.sample.SampleBatchJson;
import dev.vigil.agent.sample.SampleSource;
import dev.vigil.agent.schedule.AlignedTicker;
import dev.vigil.agent.schedule.IntervalScheduler;
import dev.vigil.agent.send.BatchSender;
import dev.vigil.agent.send.HttpBatchSender;
import dev.vigil.agent.send.RetryBackoff;
import dev.vigil.agent.send.SendLoop;
import dev.vigil.agent.send.Sleeper;
import dev.vigil.agent.send.SpoolDrainer;
import dev.vigil.agent.spool.SpoolDirectory;
import dev.vigil.agent.spool.SpoolSampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A running agent: collects a batch every interval into the disk spool, and a sender thread delivers the
 * spool to ingest in order. Embed it with {@code try (Agent agent = Agent.start(config)) { ... }};
 * {@link #close()} stops collecting and makes a bounded last attempt to deliver what is spooled.
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    /** Long enough to flush a normal backlog at shutdown, short enough for systemd's stop timeout (90 s). */
    static final Duration FINAL_DELIVERY = Duration.ofSeconds(20);

    private final AgentConfig config;
    private final HostProbe probe;
    private final AgentParts parts;
    private final BatchCollector collector;
    private final SpoolDirectory spool;
    private final SpoolDrainer drainer;
    private final SendLoop sendLoop;
    private final Clock clock;
    private final LogLineShipper logLines;
    private IntervalScheduler scheduler;
    private boolean closed;

    private Agent(AgentConfig config, HostProbe probe, BatchSender sender, BatchSender lineSender, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.probe = probe;
        this.clock = clock;
        this.spool = new SpoolDirectory(config.spool());
        HostSampleCollector host = new HostSampleCollector(probe, config.mounts(), config.ifaces());
        host.baseline(); // so the first batch already carries CPU and network rates
        this.parts = AgentParts.create(config, clock);
        List<SampleSource> sources = new ArrayList<>();
        sources.add(host);
        sources.addAll(parts.sources());
        sources.add(new SpoolSampleSource(spool));
        this.collector = new BatchCollector(config.host(), sources, clock);
        this.drainer = new SpoolDrainer(spool, sender, RetryBackoff.standard(), clock);
        this.sendLoop = new SendLoop(drainer, sleeper);
        this.logLines = parts.logs() == null ? null : new LogLineShipper(config.host(), parts.logs(), lineSender);
    }

    /** Starts collecting and sending with the real host probe and HTTP. */
    public static Agent start(AgentConfig config) {
        return start(config, new OshiHostProbe(), new HttpBatchSender(config.samplesEndpoint(), config.token()),
                new HttpBatchSender(config.logLinesEndpoint(), config.token()), Clock.systemUTC(), Sleeper.REAL);
    }

    public static Agent start(AgentConfig config, HostProbe probe, BatchSender sender, Clock clock, Sleeper sleeper) {
        return start(config, probe, sender, new HttpBatchSender(config.logLinesEndpoint(), config.token()), clock, sleeper);
    }

    /** @param lineSender posts log watch's matching lines ({@code POST /api/v1/log-lines}) */
    public static Agent start(AgentConfig config, HostProbe probe, BatchSender sender, BatchSender lineSender, Clock clock,
                              Sleeper sleeper) {
        Agent agent = new Agent(config, probe, sender, lineSender, clock, sleeper);
        agent.sendLoop.start();
        Duration offset = Duration.ofMillis(ThreadLocalRandom.current().nextLong(config.interval().toMillis()));
        agent.scheduler = new IntervalScheduler("vigil-collect", new AlignedTicker(config.interval(), offset), clock,
                agent::collectNow).start();
        agent.parts.start();
        LOG.info("Vigil agent for host {} posting to {} every {} s (spool {}, {} batch(es) waiting)",
                config.host(), config.samplesEndpoint(), config.interval().toSeconds(), agent.spool.dir(), agent.spool.batchCount());
        return agent;
    }

    /** Collects one batch now, spools it and wakes the sender. */
    public void collectNow() {
        SampleBatch batch = collector.collect();
        try {
            spool.append(SampleBatchJson.write(batch).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("Cannot write batch to spool {}: {}; these samples are lost", spool.dir(), e.toString());
            return;
        }
        sendLoop.nudge();
        if (logLines != null) {
            logLines.ship();
        }
    }

    public int spooledBatches() {
        return spool.batchCount();
    }

    public AgentConfig config() {
        return config;
    }

    /** Stops collection and the sender, then tries (for a bounded time) to deliver what is spooled. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        parts.close();
        if (scheduler != null) {
            scheduler.close();
        }
        sendLoop.close();
        SpoolDrainer.Outcome last = drainer.drain(clock.instant().plus(FINAL_DELIVERY));
        int left = spool.batchCount();
        if (left > 0) {
            LOG.warn("Stopping with {} batch(es) in spool {}; they are sent on the next start", left, spool.dir());
        } else {
            LOG.info("Stopped; spool delivered ({} batch(es) in the final attempt)", last.delivered());
        }
        if (probe instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing useful to do while stopping
            }
        }
    }
}
