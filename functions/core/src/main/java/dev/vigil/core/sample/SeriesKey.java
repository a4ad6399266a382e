package dev.vigil.core.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Identity of a series within one host: metric name plus its label set. A class rather than a
 * record so the hash is computed once: every sample of every batch is looked up by it.
 */
public final class SeriesKey {

    private final String metric;
    private final Map<String, String> labels;
    private final int hash;

    public SeriesKey(String metric, Map<String, String> labels) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.labels = Labels.canonical(labels);
        this.hash = 31 * metric.hashCode() + this.labels.hashCode();
    }

    public String metric() {
        return metric;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public String labelsJson() {
        return Labels.toJson(labels);
    }

    /** Hex of the first 128 bits of SHA-256 over metric and canonical labels: the dictionary's unique key. */
    public String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(metric.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(labelsJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SeriesKey other && hash == other.hash
                && metric.equals(other.metric) && labels.equals(other.labels));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return metric + labelsJson();
    }
}
