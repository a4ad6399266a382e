package dev.vigil.notify.model;

import dev.vigil.core.rules.Severity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One message to one receiver: a route group's alerts. Stored as the outbox item's payload.
 *
 * @param host        the group's host, or "N hosts" when it spans several
 * @param groupKey    Alertmanager's group key of the route group
 * @param truncated   alerts of the group left out of this message (at most {@link #MAX_ALERTS} are listed)
 * @param alertsUrl   where the whole list is: the console/API link the message shows when it is cut
 */
@Serdeable
public record Notification(String receiver, NotificationKind kind, String host, long createdAt, List<AlertSnapshot> alerts,
                           @Nullable String groupKey, @Nullable Map<String, String> groupLabels, int truncated,
                           @Nullable String alertsUrl) {

    /** Issue 11: one email listed 4,000 alerts (2.6 MB); a person reads a few dozen at most. */
    public static final int MAX_ALERTS = 50;

    public Notification {
        alerts = alerts == null ? List.of() : alerts;
        // Payloads written before route groups existed: the host was the group.
        groupKey = groupKey == null ? "{}:{host=\"" + host + "\"}" : groupKey;
        groupLabels = groupLabels == null ? Map.of("host", host) : groupLabels;
    }

    public Notification(String receiver, NotificationKind kind, String host, long createdAt, List<AlertSnapshot> alerts) {
        this(receiver, kind, host, createdAt, alerts, null, null, 0, null);
    }

    /** The highest severity in the group: it colours and titles the message. */
    public Severity severity() {
        return alerts.stream().map(AlertSnapshot::severity).max(Comparator.naturalOrder()).orElse(Severity.WARNING);
    }

    public boolean resolved() {
        return kind == NotificationKind.RESOLVED;
    }

    /** Every alert of a resolved message ended for lack of data (the subject then says so). */
    public boolean noData() {
        return resolved() && !alerts.isEmpty() && alerts.stream().allMatch(AlertSnapshot::noData);
    }

    /** How many alerts the message is about, including those left out. */
    public int total() {
        return alerts.size() + truncated;
    }

    /** Highest severity first, then oldest first: the most urgent alert leads the message. */
    public List<AlertSnapshot> ordered() {
        return alerts.stream()
                .sorted(Comparator.comparing(AlertSnapshot::severity).reversed().thenComparingLong(AlertSnapshot::firedAt))
                .toList();
    }
}
