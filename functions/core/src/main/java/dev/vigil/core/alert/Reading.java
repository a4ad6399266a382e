package dev.vigil.core.alert;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * What one rule sees for one series (or host) in this cycle.
 *
 * @param tested      the number compared with the rule's levels (for a trend: ms until the level)
 * @param value       the number shown and stored on the alert (for a trend: the current value)
 * @param predictedAt for a trend: when the level is expected to be reached
 */
public record Reading(int hostId, String host, Map<String, String> labels, String labelsJson,
                      double tested, double value, @Nullable Long predictedAt) {
}
