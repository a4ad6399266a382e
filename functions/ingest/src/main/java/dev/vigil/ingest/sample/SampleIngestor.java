package dev.vigil.ingest.sample;

import dev.vigil.core.host.Host;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.sample.SeriesLimitExceededException;
import dev.vigil.core.sample.WriteResult;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.error.RateLimitedException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/** Stores a validated batch for the authenticated host; every ingest format ends here. */
@Singleton
public class SampleIngestor {

    static final String SAMPLES_PER_SECOND_LIMIT = "samples_per_second";

    private final SampleBatchWriter writer;
    private final IngestRateLimiter rateLimiter;
    private final LimitRefusals refusals;

    public SampleIngestor(SampleBatchWriter writer, IngestRateLimiter rateLimiter, LimitRefusals refusals) {
        this.writer = writer;
        this.rateLimiter = rateLimiter;
        this.refusals = refusals;
    }

    public WriteResult ingest(Host sender, SampleBatch batch) {
        ApiAuth.requireOwnHost(sender, batch.host(), "", "host");
        int size = batch.size();
        try {
            rateLimiter.acquire(sender, size);
        } catch (RateLimitedException e) {
            refusals.record(sender.name(), SAMPLES_PER_SECOND_LIMIT, size);
            throw e;
        }
        try {
            return writer.write(sender.id(), batch.columns());
        } catch (SeriesLimitExceededException e) {
            refusals.record(sender.name(), e.limit().label(), size);
            throw refusal(sender.name(), e);
        }
    }

    /** The words a sender sees: which limit, the numbers, the key an operator raises, and what still works. */
    static ApiException refusal(String host, SeriesLimitExceededException e) {
        String key = " (" + e.limit().key() + ")";
        return switch (e.limit()) {
            case ACTIVE_SERIES -> new ApiException(HttpStatus.BAD_REQUEST, "host '" + host + "' has " + e.current()
                    + " active series and this batch would add " + e.requested() + ", over the limit of " + e.max()
                    + " active series per host" + key + "; batches of known series are still accepted", "samples");
            case NEW_SERIES_PER_MINUTE -> new RateLimitedException("host '" + host + "' created " + e.current()
                    + " new series in the last minute and this batch would add " + e.requested() + ", over the limit of "
                    + e.max() + " new series per minute" + key + "; retry later", Math.max(1, e.retryAfterSeconds()));
        };
    }
}
