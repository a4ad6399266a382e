package dev.vigil.notify.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** One alert as it was when a notification was planned; every string here may come from a host. */
@Serdeable
public record AlertSnapshot(
        long id,
        String fingerprint,
        String rule,
        String host,
        Map<String, String> labels,
        Severity severity,
        String state,
        @Nullable Double value,
        @Nullable Double threshold,
        @Nullable String summary,
        @Nullable String runbook,
        long startsAt,
        @Nullable Long firingAt,
        @Nullable Long endsAt,
        @Nullable Long predictedAt) {

    public AlertSnapshot {
        // Serde leaves empty maps out of the JSON payload; they come back as null.
        labels = labels == null ? Map.of() : labels;
    }

    public boolean resolved() {
        return "resolved".equals(state);
    }

    /** When it started firing (falls back to the pending start for rules without a `for`). */
    public long firedAt() {
        return firingAt != null ? firingAt : startsAt;
    }
}
