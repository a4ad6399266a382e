package dev.vigil.core.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Identity of a series within one host: metric name plus its label set. */
public record SeriesKey(String metric, Map<String, String> labels) {

    public SeriesKey {
        labels = Labels.canonical(labels);
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
}
