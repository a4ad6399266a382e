package dev.vigil.ingest.sample;

import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleColumns;

import java.util.List;

/** A parsed, validated batch for one host, ready to store. */
public record SampleBatch(String host, SampleColumns columns) {

    public SampleBatch(String host, List<Sample> samples) {
        this(host, SampleColumns.of(samples));
    }

    public int size() {
        return columns.size();
    }

    /** The batch as one record per sample (built on each call; the write path reads the columns). */
    public List<Sample> samples() {
        return columns.toSamples();
    }
}
