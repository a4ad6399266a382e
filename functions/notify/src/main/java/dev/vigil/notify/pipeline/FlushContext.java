package dev.vigil.notify.pipeline;

import dev.vigil.notify.nflog.NotificationLog;
import dev.vigil.notify.store.RouteGroupStore;

import java.sql.Connection;
import java.util.Map;

/**
 * What the stages of one planning pass share: the time, the muting predicate, the notification log
 * and the groups' last flushes as read at the start of the pass (the send stage adds what it sends,
 * so a later group of the same pass sees it), and the transaction the send stage writes in.
 */
public record FlushContext(long now, Muter muter, Map<String, NotificationLog.Entry> log,
                           Map<String, RouteGroupStore.LastFlush> lastFlushes, Connection connection) {

    public NotificationLog.Entry entry(String integration, String fingerprint) {
        return log.get(NotificationLog.key(integration, fingerprint));
    }
}
