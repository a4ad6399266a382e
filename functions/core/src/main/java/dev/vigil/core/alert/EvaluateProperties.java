package dev.vigil.core.alert;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code vigil.evaluate.*}: how the evaluation cycle runs. */
@ConfigurationProperties("vigil.evaluate")
public class EvaluateProperties {

    /** Longer than any cycle should take, short enough that a crashed run blocks the next few only. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(2);
    /** A latest value older than this no longer counts as the series' current value (agents post every 15s). */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
    /** A trend needs enough points and enough time span, or one noisy sample predicts doom. */
    public static final int DEFAULT_TREND_MIN_SAMPLES = 10;
    public static final Duration DEFAULT_TREND_MIN_SPAN = Duration.ofMinutes(15);

    private Duration leaseTtl = DEFAULT_LEASE_TTL;
    private Duration staleAfter = DEFAULT_STALE_AFTER;
    private int trendMinSamples = DEFAULT_TREND_MIN_SAMPLES;
    private Duration trendMinSpan = DEFAULT_TREND_MIN_SPAN;

    public Duration getLeaseTtl() {
        return leaseTtl;
    }

    public void setLeaseTtl(Duration leaseTtl) {
        this.leaseTtl = leaseTtl;
    }

    public Duration getStaleAfter() {
        return staleAfter;
    }

    public void setStaleAfter(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    public int getTrendMinSamples() {
        return trendMinSamples;
    }

    public void setTrendMinSamples(int trendMinSamples) {
        this.trendMinSamples = trendMinSamples;
    }

    public Duration getTrendMinSpan() {
        return trendMinSpan;
    }

    public void setTrendMinSpan(Duration trendMinSpan) {
        this.trendMinSpan = trendMinSpan;
    }
}
