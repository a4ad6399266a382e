package dev.vigil.core.selfmetrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** {@code vigil.self-metrics.*}: whether a function writes its own figures as samples of host {@code vigil}, and how often. */
@ConfigurationProperties("vigil.self-metrics")
public class SelfMetricsProperties {

    /** Once a minute: figures per minute, and a write load that does not depend on traffic. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMinutes(1);

    private boolean enabled = true;
    @NotNull
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        if (flushInterval == null || flushInterval.compareTo(DEFAULT_FLUSH_INTERVAL) < 0) {
            throw new IllegalArgumentException("vigil.self-metrics.flush-interval must be at least 1m (got " + flushInterval + ")");
        }
        this.flushInterval = flushInterval;
    }
}
