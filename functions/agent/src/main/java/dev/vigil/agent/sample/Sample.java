package dev.vigil.agent.sample;

import java.util.Map;
import java.util.Objects;

/** One measurement as the ingest API takes it: metric, flat string labels, epoch millis, finite value. */
public record Sample(String metric, Map<String, String> labels, long ts, double value) {

    public Sample {
        Objects.requireNonNull(metric, "metric");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static Sample of(String metric, long ts, double value) {
        return new Sample(metric, Map.of(), ts, value);
    }

    public static Sample of(String metric, Map<String, String> labels, long ts, double value) {
        return new Sample(metric, labels, ts, value);
    }
}
