package dev.vigil.ingest.sample;

import dev.vigil.core.host.Host;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.sample.WriteResult;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Stores a validated batch for the authenticated host; every ingest format ends here. */
@Singleton
public class SampleIngestor {

    private final SampleBatchWriter writer;
    private final IngestRateLimiter rateLimiter;

    public SampleIngestor(SampleBatchWriter writer, IngestRateLimiter rateLimiter) {
        this.writer = writer;
        this.rateLimiter = rateLimiter;
    }

    public WriteResult ingest(Host sender, SampleBatch batch) {
        if (!sender.name().equals(batch.host())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "this token belongs to host '" + sender.name()
                    + "' and may not write for host '" + batch.host() + "'", "host");
        }
        rateLimiter.acquire(sender, batch.samples().size());
        return writer.write(sender.id(), batch.samples());
    }
}
