package dev.vigil.core.alert;

import dev.vigil.core.rules.Severity;
import io.micronaut.core.annotation.Nullable;

/** One row of {@code alerts}: an episode of one fingerprint. {@code id} is null until inserted. */
public record AlertRecord(
        @Nullable Long id,
        String fingerprint,
        String rule,
        @Nullable Integer hostId,
        String host,
        String labelsJson,
        Severity severity,
        AlertState state,
        @Nullable Double value,
        @Nullable Double threshold,
        @Nullable String summary,
        @Nullable String runbook,
        long startsAt,
        @Nullable Long firingAt,
        @Nullable Long endsAt,
        long updatedAt,
        @Nullable Long predictedAt,
        @Nullable Long acknowledgedAt,
        @Nullable String acknowledgedBy,
        boolean silenced,
        boolean inhibited) {

    public boolean open() {
        return state != AlertState.RESOLVED;
    }

    AlertRecord withFlags(boolean silenced, boolean inhibited) {
        return new AlertRecord(id, fingerprint, rule, hostId, host, labelsJson, severity, state, value, threshold,
                summary, runbook, startsAt, firingAt, endsAt, updatedAt, predictedAt, acknowledgedAt, acknowledgedBy,
                silenced, inhibited);
    }

    AlertRecord withId(long newId) {
        return new AlertRecord(newId, fingerprint, rule, hostId, host, labelsJson, severity, state, value, threshold,
                summary, runbook, startsAt, firingAt, endsAt, updatedAt, predictedAt, acknowledgedAt, acknowledgedBy,
                silenced, inhibited);
    }
}
