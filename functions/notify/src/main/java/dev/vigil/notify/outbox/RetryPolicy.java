package dev.vigil.notify.outbox;

import dev.vigil.notify.config.NotifyProperties;
import jakarta.inject.Singleton;

/** Exponential backoff with a cap, and the retry budget after which an item is dead-lettered. */
@Singleton
public class RetryPolicy {

    private final long initialMillis;
    private final long maxMillis;
    private final int maxAttempts;

    public RetryPolicy(NotifyProperties properties) {
        this.initialMillis = properties.getInitialBackoff().toMillis();
        this.maxMillis = properties.getMaxBackoff().toMillis();
        this.maxAttempts = properties.getMaxAttempts();
    }

    /** Delay before the next try after {@code failedAttempts} failures (1 -> initial, 2 -> 2x, …). */
    public long backoffMillis(int failedAttempts) {
        int doublings = Math.min(Math.max(0, failedAttempts - 1), 30);
        return Math.min(maxMillis, initialMillis << doublings);
    }

    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
