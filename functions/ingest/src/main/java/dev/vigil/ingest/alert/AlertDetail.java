package dev.vigil.ingest.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.ingest.notification.NotificationView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/alerts/{id}}: the fields of {@link AlertItem}, what a person reads (values in the rule's
 * unit, why it resolved, the runbook), its mute state, and its timeline: the state changes oldest first and
 * the notifications sent about it oldest first.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertDetail(long id, String fingerprint, String rule, String host, Map<String, String> labels,
                          Map<String, String> hostLabels, String severity, String state, @Nullable Double value,
                          long startsAt, @Nullable Long endsAt, @Nullable String summary, boolean acknowledged,
                          @Nullable Double threshold, @Nullable String valueText, @Nullable String thresholdText,
                          @Nullable Long firingAt, long updatedAt, @Nullable Long predictedAt,
                          @Nullable String resolution, @Nullable String resolutionText,
                          @Nullable String runbook, @Nullable String runbookUrl,
                          boolean silenced, boolean inhibited,
                          @Nullable String acknowledgedBy, @Nullable Long acknowledgedAt,
                          @Nullable String acknowledgedComment,
                          List<Event> events, boolean eventsTruncated, List<NotificationView> notifications) {

    AlertDetail withTimeline(List<Event> timelineEvents, boolean truncated, List<NotificationView> sent) {
        return new AlertDetail(id, fingerprint, rule, host, labels, hostLabels, severity, state, value, startsAt, endsAt,
                summary, acknowledged, threshold, valueText, thresholdText, firingAt, updatedAt, predictedAt, resolution,
                resolutionText, runbook, runbookUrl, silenced, inhibited, acknowledgedBy, acknowledgedAt,
                acknowledgedComment, timelineEvents, truncated, sent);
    }

    /** One row of alert_events: a state or severity change, or an acknowledgement. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Event(long id, String kind, String severity, @Nullable Double value, long at, @Nullable String detail) {
    }
}
