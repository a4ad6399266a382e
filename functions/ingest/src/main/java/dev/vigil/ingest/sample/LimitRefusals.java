package dev.vigil.ingest.sample;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts samples refused by a per-host limit and stores the counts as samples of host
 * {@value SelfHost#NAME}: {@value #METRIC}{source_host, limit}, each value the number
 * refused since the previous point, so {@code sum} over a window is what was lost. Counts are
 * written at most every {@link #FLUSH_INTERVAL} per process: a flood of refusals must not become a
 * flood of writes.
 */
@Singleton
public class LimitRefusals {

    public static final String METRIC = "vigil_ingest_refused_samples";
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(LimitRefusals.class);

    private record Key(String sourceHost, String limit) {
    }

    private final Map<Key, AtomicLong> pending = new ConcurrentHashMap<>();
    private final HostRegistry hosts;
    private final SampleBatchWriter writer;
    private final Clock clock;
    private final AtomicLong lastFlush;

    public LimitRefusals(HostRegistry hosts, SampleBatchWriter writer, Clock clock) {
        this.hosts = hosts;
        this.writer = writer;
        this.clock = clock;
        this.lastFlush = new AtomicLong(clock.millis());
    }

    /** {@code limit} is the label value, e.g. max_active_series_per_host. */
    public void record(String sourceHost, String limit, int samples) {
        pending.computeIfAbsent(new Key(sourceHost, limit), k -> new AtomicLong()).addAndGet(samples);
        long last = lastFlush.get();
        if (clock.millis() - last >= FLUSH_INTERVAL.toMillis() && lastFlush.compareAndSet(last, clock.millis())) {
            flush();
        }
    }

    /** Writes what was counted; also runs on a schedule so the last refusals of a burst are not held back. */
    @Scheduled(fixedDelay = "10s", initialDelay = "10s")
    @PreDestroy
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<Sample> samples = new ArrayList<>();
        for (Key key : List.copyOf(pending.keySet())) {
            AtomicLong count = pending.remove(key);
            if (count != null && count.get() > 0) {
                samples.add(new Sample(METRIC, Map.of("source_host", key.sourceHost(), "limit", key.limit()), now, count.get()));
            }
        }
        if (samples.isEmpty()) {
            return;
        }
        try {
            writer.write(hosts.findOrRegister(SelfHost.NAME).id(), samples);
        } catch (RuntimeException e) {
            // counting must never fail the request that was refused; the counts of this interval are lost
            LOG.warn("could not store {} refusal counts: {}", samples.size(), e.getMessage());
        }
    }
}
