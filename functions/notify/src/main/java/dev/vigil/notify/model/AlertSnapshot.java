package dev.vigil.notify.model;

import dev.vigil.core.alert.AlertState;
import dev.vigil.core.rules.Severity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as it was when a notification was planned; every string here may come from a host.
 * The texts ({@code valueText}, {@code resolutionText}, …) are written by evaluation in the rule's
 * unit; they are null for meta-alerts and rows from before they existed.
 *
 * @param state      the wire form of {@link AlertState} ("firing", "resolved")
 * @param resolution why a resolved alert ended: "recovered" or "no_data"
 */
@Serdeable
public record AlertSnapshot(
        long id,
        String fingerprint,
        String rule,
        String host,
        Map<String, String> labels,
        @Nullable Map<String, String> hostLabels,
        Severity severity,
        String state,
        @Nullable Double value,
        @Nullable Double threshold,
        @Nullable String valueText,
        @Nullable String thresholdText,
        @Nullable String summary,
        @Nullable String runbook,
        @Nullable String runbookUrl,
        @Nullable String resolution,
        @Nullable String resolutionText,
        long startsAt,
        @Nullable Long firingAt,
        @Nullable Long endsAt,
        @Nullable Long predictedAt,
        @Nullable Long acknowledgedAt) {

    public static final String RESOLUTION_NO_DATA = "no_data";
    public static final String RESOLUTION_RECOVERED = "recovered";

    public AlertSnapshot {
        // Serde leaves empty maps out of the JSON payload; they come back as null.
        labels = labels == null ? Map.of() : labels;
        hostLabels = hostLabels == null ? Map.of() : hostLabels;
    }

    public AlertState alertState() {
        return AlertState.fromWire(state);
    }

    public boolean resolved() {
        return alertState() == AlertState.RESOLVED;
    }

    public boolean noData() {
        return resolved() && RESOLUTION_NO_DATA.equals(resolution);
    }

    /** When it started firing (falls back to the pending start for rules without a `for`). */
    public long firedAt() {
        return firingAt != null ? firingAt : startsAt;
    }

    /**
     * What routes, silences and inhibit rules match on: host labels, overridden by the alert's own
     * labels, then {@code alertname} (the rule), {@code host} and {@code severity}.
     */
    public Map<String, String> matchLabels() {
        Map<String, String> out = new TreeMap<>(hostLabels);
        out.putAll(labels);
        out.put("alertname", rule);
        out.put("host", host);
        out.put("severity", severity.wire());
        return out;
    }
}
