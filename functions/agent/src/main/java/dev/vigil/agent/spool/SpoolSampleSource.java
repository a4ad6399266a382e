package dev.vigil.agent.spool;

import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;

import java.util.List;

/** The agent reports on its own spool, so data lost to a full spool is visible in Vigil itself. */
public final class SpoolSampleSource implements SampleSource {

    private final SpoolDirectory spool;

    public SpoolSampleSource(SpoolDirectory spool) {
        this.spool = spool;
    }

    @Override
    public List<Sample> collect(long ts) {
        return List.of(
                Sample.of("agent_spool_dropped_batches_total", ts, spool.droppedBatches()),
                Sample.of("agent_spool_batches", ts, spool.batchCount()));
    }
}
