package dev.vigil.notify.pipeline;

import dev.vigil.core.rules.Severity;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.route.Route;
import dev.vigil.notify.store.RouteGroupStore;

import java.util.Comparator;
import java.util.List;

/**
 * Alertmanager's group timing. New alerts wait the route's group_wait from when they started firing
 * (so alerts that fire together go out together, and an alert unmuted long after it fired goes at
 * once). Within group_interval of the group's last message, new alerts are held and go out together
 * when it ends, unless they raise the group's severity. Resolutions wait group_wait from their end.
 */
public final class GroupWaitStage implements Stage {

    @Override
    public Flush apply(Flush f, FlushContext ctx) {
        Route route = f.route();
        long now = ctx.now();
        Flush out = f;
        if (!f.announce().isEmpty()) {
            // The group flushes when its first alert's wait is over, and then takes every new alert with it.
            long due = f.announce().stream().mapToLong(a -> a.firedAt() + route.groupWait(a.severity()).toMillis()).min().orElse(now);
            RouteGroupStore.LastFlush last = ctx.lastFlushes().get(f.groupKey());
            Severity highest = f.announce().stream().map(AlertSnapshot::severity).max(Comparator.naturalOrder()).orElseThrow();
            boolean held = last != null && last.notifiedAt() > now - route.groupInterval().toMillis()
                    && highest.compareTo(last.severity()) <= 0;
            if (now < due) {
                out = out.withAnnounce(List.of()).dueAt(due);
            } else if (held) {
                out = out.withAnnounce(List.of()).dueAt(last.notifiedAt() + route.groupInterval().toMillis());
            }
        }
        if (!f.resolved().isEmpty()) {
            long due = f.resolved().stream().mapToLong(a -> (a.endsAt() == null ? now : a.endsAt()) + route.groupWait(a.severity()).toMillis())
                    .min().orElse(now);
            out = now < due ? out.dueAt(due) : out.withResolve(f.resolved());
        }
        return out;
    }
}
