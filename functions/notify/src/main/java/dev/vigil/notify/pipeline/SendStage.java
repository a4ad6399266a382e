package dev.vigil.notify.pipeline;

import dev.vigil.core.alert.AlertState;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import dev.vigil.notify.nflog.NotificationLog;
import dev.vigil.notify.outbox.OutboxStore;
import dev.vigil.notify.route.ExternalUrl;
import dev.vigil.notify.route.Integration;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last stage: enqueues one outbox item per kind of message the flush carries, with its alerts
 * and redacted target for the history, and records in the notification log what the integration
 * was told, in the same transaction (so a crash leaves neither or both).
 */
@Singleton
public class SendStage implements Stage {

    private final OutboxStore outbox;
    private final NotificationLog log;
    private final ObjectMapper json;
    private final ExternalUrl externalUrl;

    public SendStage(OutboxStore outbox, NotificationLog log, ObjectMapper json, ExternalUrl externalUrl) {
        this.outbox = outbox;
        this.log = log;
        this.json = json;
        this.externalUrl = externalUrl;
    }

    @Override
    public Flush apply(Flush f, FlushContext ctx) {
        Integration in = f.integration();
        long now = ctx.now();
        List<NotificationLog.Told> told = new ArrayList<>();
        if (enqueue(f, ctx, NotificationKind.FIRING, f.announce())) {
            f.announce().forEach(a -> told.add(told(ctx, in.key(), a, now)));
        }
        if (enqueue(f, ctx, NotificationKind.REPEAT, f.repeat())) {
            f.repeat().forEach(a -> told.add(told(ctx, in.key(), a, now)));
        }
        if (enqueue(f, ctx, NotificationKind.ESCALATION, f.escalate())) {
            f.escalate().forEach(a -> told.add(told(ctx, NotificationLog.ESCALATION_PREFIX + in.key(), a, now)));
        }
        log.record(ctx.connection(), told, now);
        enqueue(f, ctx, NotificationKind.RESOLVED, f.resolve());
        List<AlertSnapshot> ended = new ArrayList<>(f.resolve());
        ended.addAll(f.settle());
        log.resolved(ctx.connection(), in.key(), ended, now);
        return f;
    }

    /** Notes in the pass's view of the log what the integration was told, so later groups of this pass see it. */
    private static NotificationLog.Told told(FlushContext ctx, String receiver, AlertSnapshot a, long now) {
        ctx.log().put(NotificationLog.key(receiver, a.fingerprint()),
                new NotificationLog.Entry(receiver, a.fingerprint(), a.id(), now, a.severity(), null));
        return new NotificationLog.Told(receiver, a.fingerprint(), a.id(), a.severity());
    }

    private boolean enqueue(Flush f, FlushContext ctx, NotificationKind kind, List<AlertSnapshot> alerts) {
        if (alerts.isEmpty()) {
            return false;
        }
        Notification n = message(f.integration().key(), kind, f.groupKey(), f.groupLabels(), alerts, ctx.now());
        String payload;
        try {
            payload = json.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outbox.enqueue(ctx.connection(), f.integration().key(), f.groupKey(), kind.name(), payload, ctx.now(), f.integration().target(),
                alerts.stream().map(AlertSnapshot::id).toList());
        return true;
    }

    /** At most {@link Notification#MAX_ALERTS} alerts, most urgent first; the rest are counted and linked. */
    Notification message(String receiver, NotificationKind kind, String groupKey, Map<String, String> groupLabels,
                         List<AlertSnapshot> alerts, long now) {
        List<String> hosts = alerts.stream().map(AlertSnapshot::host).distinct().toList();
        String host = hosts.size() == 1 ? hosts.get(0) : hosts.size() + " hosts";
        Notification all = new Notification(receiver, kind, host, now, alerts, groupKey, groupLabels, 0, null);
        if (alerts.size() <= Notification.MAX_ALERTS) {
            return all;
        }
        List<AlertSnapshot> listed = all.ordered().subList(0, Notification.MAX_ALERTS);
        String query = hosts.size() == 1 ? "host=" + URLEncoder.encode(hosts.get(0), StandardCharsets.UTF_8)
                : "state=" + (kind == NotificationKind.RESOLVED ? AlertState.RESOLVED : AlertState.FIRING).wire();
        return new Notification(receiver, kind, host, now, List.copyOf(listed), groupKey, groupLabels,
                alerts.size() - Notification.MAX_ALERTS, externalUrl.get() + "/#/alerts?" + query);
    }

}
