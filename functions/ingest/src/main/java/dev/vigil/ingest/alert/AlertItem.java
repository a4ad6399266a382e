package dev.vigil.ingest.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * An alert as {@code GET /api/v1/alerts} lists it: the contract's fields, every one present (null or empty
 * included), plus {@code hostLabels}, the host's labels as evaluation last copied them onto the alert.
 * {@code labels} stay the alert's own labels (part of its identity); host labels sit beside them.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertItem(long id, String fingerprint, String rule, String host, Map<String, String> labels,
                        Map<String, String> hostLabels, String severity, String state, @Nullable Double value,
                        long startsAt, @Nullable Long endsAt, @Nullable String summary, boolean acknowledged) {
}
