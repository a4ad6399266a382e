package dev.vigil.agent;

import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleBatch;
import dev.vigil.agent.sample.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Asks every source for its samples at one timestamp; one failing source costs its own samples only. */
public final class BatchCollector {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCollector.class);

    private final String host;
    private final List<SampleSource> sources;
    private final Clock clock;

    public BatchCollector(String host, List<SampleSource> sources, Clock clock) {
        this.host = host;
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    public SampleBatch collect() {
        long ts = clock.millis();
        List<Sample> samples = new ArrayList<>(64);
        for (SampleSource source : sources) {
            try {
                samples.addAll(source.collect(ts));
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", source.getClass().getSimpleName(), e.toString());
            }
        }
        return new SampleBatch(host, samples);
    }
}
