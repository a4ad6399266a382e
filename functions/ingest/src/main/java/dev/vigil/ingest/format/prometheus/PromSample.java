package dev.vigil.ingest.format.prometheus;

import java.util.Map;

/** One sample line of the text exposition: name, labels, value, optional timestamp (epoch ms), and its line. */
public record PromSample(String name, Map<String, String> labels, double value, Long timestampMs, int line) {

    public long tsOr(long fallback) {
        return timestampMs == null ? fallback : timestampMs;
    }
}
