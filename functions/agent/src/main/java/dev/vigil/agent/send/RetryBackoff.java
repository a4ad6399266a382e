package dev.vigil.agent.send;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s ... capped at 5 min, each drawn from the upper half of its
 * step so that a fleet that lost ingest together does not come back together.
 */
public final class RetryBackoff {

    public static final Duration INITIAL = Duration.ofSeconds(1);
    public static final Duration CAP = Duration.ofMinutes(5);
    /** A server asking for longer than this is probably misconfigured; check back anyway. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Duration initial;
    private final Duration cap;
    private final RandomGenerator random;

    public RetryBackoff(Duration initial, Duration cap, RandomGenerator random) {
        this.initial = initial;
        this.cap = cap;
        this.random = random;
    }

    public static RetryBackoff standard() {
        return new RetryBackoff(INITIAL, CAP, RandomGenerator.getDefault());
    }

    /**
     * @param failures   consecutive failures so far, at least 1
     * @param retryAfter what the server asked for, or null
     */
    public Duration delay(int failures, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        int exponent = Math.min(Math.max(failures, 1) - 1, 30);
        long step = Math.min(cap.toMillis(), initial.toMillis() << exponent);
        long half = step / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
