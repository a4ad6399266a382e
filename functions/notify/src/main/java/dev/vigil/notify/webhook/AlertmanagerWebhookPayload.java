package dev.vigil.notify.webhook;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.render.MessageText;
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

    /** @param maxAlerts the webhook's max_alerts (0: no limit); the rest is counted in truncatedAlerts */
    public static AlertmanagerWebhookPayload of(Notification n, String receiver, String externalUrl, int maxAlerts) {
        String status = n.resolved() ? "resolved" : "firing";
        List<AlertSnapshot> listed = n.ordered();
        int truncated = n.truncated();
        if (maxAlerts > 0 && listed.size() > maxAlerts) {
            truncated += listed.size() - maxAlerts;
            listed = listed.subList(0, maxAlerts);
        }
        List<Alert> alerts = listed.stream().map(a -> new Alert(
                a.resolved() ? "resolved" : "firing",
                labels(a),
                annotations(a),
                Instant.ofEpochMilli(a.firedAt()).toString(),
                a.endsAt() != null && a.resolved() ? Instant.ofEpochMilli(a.endsAt()).toString() : NOT_ENDED,
                externalUrl + "/#/alert/" + a.id(),
                a.fingerprint())).toList();
        return new AlertmanagerWebhookPayload("4", n.groupKey(), truncated, status, receiver, n.groupLabels(),
                common(alerts.stream().map(Alert::labels).toList()),
                common(alerts.stream().map(Alert::annotations).toList()),
                externalUrl, alerts);
    }

    static Map<String, String> labels(AlertSnapshot a) {
        return a.matchLabels();
    }

    /** summary, description (runbook prose), runbook_url (a URL only), value, threshold, and why it resolved. */
    public static Map<String, String> annotations(AlertSnapshot a) {
        Map<String, String> an = new LinkedHashMap<>();
        put(an, "summary", a.summary());
        put(an, "description", MessageText.runbookProse(a));
        put(an, "runbook_url", MessageText.runbookLink(a));
        put(an, "value", MessageText.value(a));
        put(an, "threshold", MessageText.threshold(a));
        if (a.resolved()) {
            put(an, "resolution", MessageText.resolution(a));
            put(an, "resolution_reason", a.resolution());
        }
        if (a.predictedAt() != null) {
            an.put("predicted_full_at", Instant.ofEpochMilli(a.predictedAt()).toString());
        }
        return an;
    }

    private static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Map<String, String> common(List<Map<String, String>> maps) {
        Map<String, String> common = new LinkedHashMap<>(maps.isEmpty() ? Map.of() : maps.get(0));
        for (Map<String, String> m : maps) {
            common.entrySet().removeIf(e -> !Objects.equals(m.get(e.getKey()), e.getValue()));
        }
        return common;
    }
}
