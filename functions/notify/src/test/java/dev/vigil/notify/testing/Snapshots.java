package dev.vigil.notify.testing;

import dev.vigil.core.rules.Severity;
import dev.vigil.notify.model.AlertSnapshot;

import java.util.Map;

/** Alert snapshots for renderer and notifier tests, built by name instead of 22 positional fields. */
public final class Snapshots {

    private Snapshots() {
    }

    /** A firing critical alert with a readable value and threshold, a summary and a runbook link. */
    public static AlertSnapshot firing(long id, String rule, String host, String summary, long firedAt) {
        return new AlertSnapshot(id, "fp" + id, rule, host, Map.of(), Map.of(), Severity.CRITICAL, "firing", 93.1, 90.0, "93.1%", "90%",
                summary, null, "https://runbooks.example/" + rule, null, null, firedAt - 30_000, firedAt, null, null, null);
    }

    public static AlertSnapshot withLabels(AlertSnapshot a, Map<String, String> labels) {
        return new AlertSnapshot(a.id(), a.fingerprint(), a.rule(), a.host(), labels, a.hostLabels(), a.severity(), a.state(), a.value(),
                a.threshold(), a.valueText(), a.thresholdText(), a.summary(), a.runbook(), a.runbookUrl(), a.resolution(),
                a.resolutionText(), a.startsAt(), a.firingAt(), a.endsAt(), a.predictedAt(), a.acknowledgedAt());
    }

    public static AlertSnapshot fingerprinted(AlertSnapshot a, String fingerprint) {
        return new AlertSnapshot(a.id(), fingerprint, a.rule(), a.host(), a.labels(), a.hostLabels(), a.severity(), a.state(), a.value(),
                a.threshold(), a.valueText(), a.thresholdText(), a.summary(), a.runbook(), a.runbookUrl(), a.resolution(),
                a.resolutionText(), a.startsAt(), a.firingAt(), a.endsAt(), a.predictedAt(), a.acknowledgedAt());
    }
}
