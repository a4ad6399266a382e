package dev.vigil.notify.model;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Comparator;
import java.util.List;

/** One message to one receiver: a host's grouped alerts. Stored as the outbox item's payload. */
@Serdeable
public record Notification(String receiver, NotificationKind kind, String host, long createdAt, List<AlertSnapshot> alerts) {

    public Notification {
        alerts = alerts == null ? List.of() : alerts;
    }

    public String groupKey() {
        return "{}:{host=\"" + host + "\"}";
    }

    /** The highest severity in the group: it colours and titles the message. */
    public Severity severity() {
        return alerts.stream().map(AlertSnapshot::severity).max(Comparator.naturalOrder()).orElse(Severity.WARNING);
    }

    public boolean resolved() {
        return kind == NotificationKind.RESOLVED;
    }

    /** Highest severity first, then oldest first: the most urgent alert leads the message. */
    public List<AlertSnapshot> ordered() {
        return alerts.stream()
                .sorted(Comparator.comparing(AlertSnapshot::severity).reversed().thenComparingLong(AlertSnapshot::firedAt))
                .toList();
    }
}
