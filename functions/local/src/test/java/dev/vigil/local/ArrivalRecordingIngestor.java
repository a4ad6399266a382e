package dev.vigil.local;

import dev.vigil.core.host.Host;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.sample.WriteResult;
import dev.vigil.ingest.sample.IngestRateLimiter;
import dev.vigil.ingest.sample.LimitRefusals;
import dev.vigil.ingest.sample.SampleBatch;
import dev.vigil.ingest.sample.SampleIngestor;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real ingestor, plus a record of the order in which batches (by their newest ts) arrived. */
@Singleton
@Replaces(SampleIngestor.class)
@Requires(property = "test.record-arrivals", value = "true")
public class ArrivalRecordingIngestor extends SampleIngestor {

    static final String HOST = "agent-host";
    static final List<Long> ARRIVALS = new CopyOnWriteArrayList<>();

    public ArrivalRecordingIngestor(SampleBatchWriter writer, IngestRateLimiter rateLimiter, LimitRefusals refusals) {
        super(writer, rateLimiter, refusals);
    }

    @Override
    public WriteResult ingest(Host sender, SampleBatch batch) {
        WriteResult result = super.ingest(sender, batch);
        if (!sender.name().equals(HOST)) {
            return result;
        }
        batch.samples().stream().filter(s -> s.metric().equals("uptime_seconds")).mapToLong(Sample::ts).max()
                .ifPresent(ARRIVALS::add);
        return result;
    }
}
