package dev.vigil.core.logline;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/** Limits and retention of log watch's lines ({@code vigil.ingest.log-lines.*}). */
@ConfigurationProperties("vigil.ingest.log-lines")
public class LogLinesProperties {

    /** A week: long enough to read what preceded a weekend incident, short next to the samples' 30 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The agent sends at most 50 per interval; 1,000 is 20 intervals of a flood, about 1 MB per host. */
    public static final int DEFAULT_MAX_PER_HOST = 1_000;
    public static final int DEFAULT_MAX_PER_REQUEST = 200;
    /** The column's size; the agent cuts lines to the same length. */
    public static final int MAX_LINE_LENGTH = 1000;
    /** Log and pattern names: the columns' size. */
    public static final int MAX_NAME_LENGTH = 64;

    @NotNull
    private Duration retention = DEFAULT_RETENTION;
    @Min(1)
    @Max(1_000_000)
    private int maxPerHost = DEFAULT_MAX_PER_HOST;
    @Min(1)
    @Max(10_000)
    private int maxPerRequest = DEFAULT_MAX_PER_REQUEST;

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public int getMaxPerHost() {
        return maxPerHost;
    }

    public void setMaxPerHost(int maxPerHost) {
        this.maxPerHost = maxPerHost;
    }

    public int getMaxPerRequest() {
        return maxPerRequest;
    }

    public void setMaxPerRequest(int maxPerRequest) {
        this.maxPerRequest = maxPerRequest;
    }
}
