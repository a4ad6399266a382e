package dev.vigil.core.sample;

import java.util.Map;

/**
 * One measurement of one series. {@code labels} is sorted (see {@link Labels#canonical}) so equal
 * label sets compare equal; {@code ts} is epoch milliseconds.
 */
public record Sample(String metric, Map<String, String> labels, long ts, double value) {

    public Sample {
        labels = Labels.canonical(labels);
    }

    public SeriesKey seriesKey() {
        return new SeriesKey(metric, labels);
    }
}
