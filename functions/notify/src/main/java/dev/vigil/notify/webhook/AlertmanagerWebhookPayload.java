package dev.vigil.notify.webhook;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.render.AlertText;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The Alertmanager webhook body, version "4", so tools that consume Alertmanager consume Vigil. */
@Serdeable
public record AlertmanagerWebhookPayload(
        String version,
        String groupKey,
        int truncatedAlerts,
        String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        List<Alert> alerts) {

    /** Alertmanager's "zero" time for alerts that have not ended. */
    static final String NOT_ENDED = "0001-01-01T00:00:00Z";

    @Serdeable
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations,
                        String startsAt, String endsAt, String generatorURL, String fingerprint) {
    }

    public static AlertmanagerWebhookPayload of(Notification n, String receiver, String externalUrl) {
        String status = n.resolved() ? "resolved" : "firing";
        List<Alert> alerts = n.ordered().stream().map(a -> new Alert(
                a.resolved() ? "resolved" : "firing",
                labels(a),
                annotations(a),
                Instant.ofEpochMilli(a.firedAt()).toString(),
                a.endsAt() != null && a.resolved() ? Instant.ofEpochMilli(a.endsAt()).toString() : NOT_ENDED,
                externalUrl + "/api/v1/alerts?host=" + a.host(),
                a.fingerprint())).toList();
        return new AlertmanagerWebhookPayload("4", n.groupKey(), 0, status, receiver, Map.of("host", n.host()),
                common(alerts.stream().map(Alert::labels).toList()),
                common(alerts.stream().map(Alert::annotations).toList()),
                externalUrl, alerts);
    }

    static Map<String, String> labels(AlertSnapshot a) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("alertname", a.rule());
        l.put("host", a.host());
        l.put("severity", a.severity().lower());
        a.labels().forEach(l::putIfAbsent);
        return l;
    }

    static Map<String, String> annotations(AlertSnapshot a) {
        Map<String, String> an = new LinkedHashMap<>();
        if (a.summary() != null) {
            an.put("summary", a.summary());
        }
        if (a.runbook() != null) {
            an.put("runbook_url", a.runbook());
        }
        if (a.value() != null) {
            an.put("value", AlertText.value(a.rule(), a.value()));
        }
        if (a.threshold() != null) {
            an.put("threshold", AlertText.value(a.rule(), a.threshold()));
        }
        if (a.predictedAt() != null) {
            an.put("predicted_full_at", Instant.ofEpochMilli(a.predictedAt()).toString());
        }
        return an;
    }

    private static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> common = new LinkedHashMap<>(maps.isEmpty() ? Map.of() : maps.get(0));
        for (Map<String, String> m : maps) {
            common.entrySet().removeIf(e -> !Objects.equals(m.get(e.getKey()), e.getValue()));
        }
        return common;
    }
}
