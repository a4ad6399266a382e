package dev.vigil.ingest.format;

import dev.vigil.core.sample.Sample;

import java.util.List;

/** A body turned into samples for one host; {@code dropped} counts values that could not be stored (NaN, limits). */
public record MappedBatch(String host, List<Sample> samples, int dropped) {
}
