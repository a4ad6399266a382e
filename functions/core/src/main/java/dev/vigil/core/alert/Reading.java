package dev.vigil.core.alert;

import dev.vigil.core.sample.Labels;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * What one rule sees for one series (or host) in this cycle.
 *
 * @param tested      the number compared with the rule's levels (for a trend: ms until the level)
 * @param value       the number shown and stored on the alert (for a trend: the current value)
 * @param predictedAt for a trend: when the level is expected to be reached
 * @param dividend    for a divide-by rule: the value before the division (load5 of "load per core")
 */
public record Reading(int hostId, String host, String labelsJson, double tested, double value,
                      @Nullable Long predictedAt, @Nullable Double dividend) {

    public Reading(int hostId, String host, String labelsJson, double tested, double value, @Nullable Long predictedAt) {
        this(hostId, host, labelsJson, tested, value, predictedAt, null);
    }

    /** Parsed on demand: most rules never look at labels, and a cycle reads every series. */
    public Map<String, String> labels() {
        return Labels.fromJson(labelsJson);
    }

    /** The open-alert lookup key; the fingerprint hash is computed only when an alert is created. */
    public String key(String rule) {
        return key(rule, host, labelsJson);
    }

    public static String key(String rule, String host, String labelsJson) {
        return rule + '\u0000' + host + '\u0000' + labelsJson;
    }
}
