package dev.vigil.ingest.sample;

import dev.vigil.core.sample.Sample;

import java.util.List;

/** A parsed, validated batch for one host, ready to store. */
public record SampleBatch(String host, List<Sample> samples) {
}
