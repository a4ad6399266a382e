package dev.vigil.ingest.format;

import dev.vigil.core.counter.CounterRates;
import dev.vigil.core.counter.CounterStateStore;
import dev.vigil.core.sample.WriteResult;
import dev.vigil.ingest.sample.SampleBatch;
import dev.vigil.ingest.sample.SampleIngestor;
import jakarta.inject.Singleton;

/**
 * The one flow of every sender format: parse and map the whole body, store it in one
 * {@link SampleIngestor} call (host check, rate limit, one transaction), then remember the counter
 * readings. State is saved only after the samples are stored; if that save fails, the next rate is
 * simply taken over a longer interval, which is still correct.
 */
@Singleton
public class FormatIngestor {

    private final SampleIngestor ingestor;
    private final CounterStateStore counters;

    public FormatIngestor(SampleIngestor ingestor, CounterStateStore counters) {
        this.ingestor = ingestor;
        this.counters = counters;
    }

    public FormatWriteResult ingest(IngestFormat format, FormatRequest request, byte[] body) {
        CounterRates rates = counters.ratesFor(request.sender().id());
        MappedBatch batch = format.read(body, request, rates);
        WriteResult written = ingestor.ingest(request.sender(), new SampleBatch(batch.host(), batch.samples()));
        counters.save(request.sender().id(), rates.newReadings());
        return new FormatWriteResult(written.accepted(), written.duplicates(), batch.dropped());
    }
}
