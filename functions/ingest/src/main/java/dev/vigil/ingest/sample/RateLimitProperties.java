package dev.vigil.ingest.sample;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Positive;

/** vigil.ingest.rate-limit.*: per-host sample budget of one ingest process. */
@ConfigurationProperties("vigil.ingest.rate-limit")
public class RateLimitProperties {

    /** Far above an agent's needs, low enough that one broken sender cannot saturate the database. */
    public static final double DEFAULT_SAMPLES_PER_SECOND = 20_000;
    public static final double DEFAULT_BURST = 100_000;

    private boolean enabled = true;
    @Positive
    private double samplesPerSecond = DEFAULT_SAMPLES_PER_SECOND;
    @Positive
    private double burst = DEFAULT_BURST;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public double getSamplesPerSecond() {
        return samplesPerSecond;
    }

    public void setSamplesPerSecond(double samplesPerSecond) {
        this.samplesPerSecond = samplesPerSecond;
    }

    public double getBurst() {
        return burst;
    }

    public void setBurst(double burst) {
        this.burst = burst;
    }
}
