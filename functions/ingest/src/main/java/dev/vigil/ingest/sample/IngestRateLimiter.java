package dev.vigil.ingest.sample;

import dev.vigil.core.host.Host;
import dev.vigil.ingest.error.RateLimitedException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket of samples per host, per process: a runaway sender gets 429 with Retry-After
 * instead of starving the others. Generous by default (an agent sends about 60 samples per 15 s).
 */
@Singleton
public class IngestRateLimiter {

    private final RateLimitProperties properties;
    private final Clock clock;
    private final Map<Integer, Bucket> buckets = new ConcurrentHashMap<>();

    public IngestRateLimiter(RateLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    public void acquire(Host host, int samples) {
        if (!properties.isEnabled()) {
            return;
        }
        double rate = properties.getSamplesPerSecond();
        double burst = Math.max(properties.getBurst(), samples);
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(host.id(), id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * rate / 1000.0);
            bucket.refilledAt = now;
            if (bucket.tokens < samples) {
                long waitSeconds = (long) Math.ceil((samples - bucket.tokens) / rate);
                throw new RateLimitedException("host '" + host.name() + "' is sending more than "
                        + (long) rate + " samples/s (vigil.ingest.rate-limit.samples-per-second); retry later", Math.max(1, waitSeconds));
            }
            bucket.tokens -= samples;
        }
    }
}
