package dev.vigil.core.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex of the first 128 bits of SHA-256 over (rule, host, canonical labels JSON): one per alerting condition. */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String rule, String host, String canonicalLabelsJson) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(rule.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(host.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(canonicalLabelsJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
