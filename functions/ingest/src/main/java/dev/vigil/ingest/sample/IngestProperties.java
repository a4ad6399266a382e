package dev.vigil.ingest.sample;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;

/** Limits every ingest format enforces (vigil.ingest.*). */
@ConfigurationProperties("vigil.ingest")
public class IngestProperties {

    /** 1 MiB: a 10,000-sample JSON batch fits; anything larger is a sender bug or abuse. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_BATCH_SAMPLES = 10_000;

    @Min(1)
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    @Min(1)
    private int maxBatchSamples = DEFAULT_MAX_BATCH_SAMPLES;

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public int getMaxBatchSamples() {
        return maxBatchSamples;
    }

    public void setMaxBatchSamples(int maxBatchSamples) {
        this.maxBatchSamples = maxBatchSamples;
    }
}
