package dev.vigil.notify.pipeline;

import dev.vigil.notify.nflog.NotificationLog;
import dev.vigil.notify.store.RouteGroupStore;

import java.sql.Connection;
import java.util.Map;

/**
 * What the stages of one planning pass share: the time, the muting predicate, the notification log
 * and the groups' last flushes as read at the start of the pass (the send stage adds what it sends,
 * so a later group of the same pass sees it), and the transaction the send stage writes in (null
 * while the stages before it decide: they only read).
 */
public record FlushContext(long now, Muter muter, Map<String, NotificationLog.Entry> log,
                           Map<String, RouteGroupStore.LastFlush> lastFlushes, Connection connection, Map<String, Long> announced) {

    public FlushContext writingIn(Connection c) {
        return new FlushContext(now, muter, log, lastFlushes, c, announced);
    }

    public NotificationLog.Entry entry(String integration, String fingerprint) {
        return log.get(NotificationLog.key(integration, fingerprint));
    }

    /**
     * When people were first told (as far as the log still shows: a repeat moves an entry on) about
     * this episode of the alert through an ordinary integration, or null when nobody was told yet.
     */
    public Long announcedAt(long alertId, String fingerprint) {
        return announced.get(alertId + "/" + fingerprint);
    }

    /** The index {@link #announcedAt} reads, built once per pass from the log. */
    public static Map<String, Long> firstAnnouncements(Map<String, NotificationLog.Entry> log) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (NotificationLog.Entry e : log.values()) {
            if (!e.receiver().startsWith(NotificationLog.ESCALATION_PREFIX)) {
                out.merge(e.alertId() + "/" + e.fingerprint(), e.notifiedAt(), Math::min);
            }
        }
        return out;
    }
}
