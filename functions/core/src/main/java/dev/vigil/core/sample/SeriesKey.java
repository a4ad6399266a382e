package dev.vigil.core.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Identity of a series within one host: metric name plus its label set. A class rather than a
 * record so the hash is computed once: every sample of every batch is looked up by it.
 */
public final class SeriesKey {

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private final String metric;
    private final Map<String, String> labels;
    private final int hash;
    /** The sorted labels as name, value, name, value...: equality without walking two sorted maps. */
    private final String[] flat;
    /** Computed on first use: only series new to the cache need them (issue 17: once, not twice, per new series). */
    private String labelsJson;
    private String seriesHash;

    public SeriesKey(String metric, Map<String, String> labels) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.labels = Labels.canonical(labels);
        this.flat = new String[this.labels.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> label : this.labels.entrySet()) {
            flat[i++] = label.getKey();
            flat[i++] = label.getValue();
        }
        this.hash = 31 * metric.hashCode() + Arrays.hashCode(flat);
    }

    public String metric() {
        return metric;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public String labelsJson() {
        String json = labelsJson;
        if (json == null) {
            json = Labels.toJson(labels);
            labelsJson = json;
        }
        return json;
    }

    /** Hex of the first 128 bits of SHA-256 over metric and canonical labels: the dictionary's unique key. */
    public String hash() {
        String h = seriesHash;
        if (h == null) {
            MessageDigest digest = sha256();
            digest.update(metric.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(labelsJson().getBytes(StandardCharsets.UTF_8));
            h = HexFormat.of().formatHex(digest.digest(), 0, 16);
            seriesHash = h;
        }
        return h;
    }

    /** A clone of one instance: MessageDigest.getInstance looks the provider up on every call. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("SHA-256 is part of every JRE", impossible);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof SeriesKey other && hash == other.hash
                && metric.equals(other.metric) && Arrays.equals(flat, other.flat));
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
