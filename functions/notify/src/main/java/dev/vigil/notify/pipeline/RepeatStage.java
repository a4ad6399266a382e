package dev.vigil.notify.pipeline;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.nflog.NotificationLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Announced, still firing, not muted: reminded once the route's repeat_interval passed since this
 * integration was last told, or its keep-alive interval when that is shorter.
 */
public final class RepeatStage implements Stage {

    @Override
    public Flush apply(Flush f, FlushContext ctx) {
        List<AlertSnapshot> due = new ArrayList<>();
        Flush out = f;
        for (AlertSnapshot a : f.firing()) {
            NotificationLog.Entry e = ctx.entry(f.integration().key(), a.fingerprint());
            long at = e.notifiedAt() + every(f, a).toMillis();
            if (at <= ctx.now()) {
                due.add(a);
            } else {
                out = out.dueAt(at);
            }
        }
        return out.withRepeat(due);
    }

    private static Duration every(Flush f, AlertSnapshot a) {
        Duration repeat = f.route().repeatInterval(a.severity());
        Duration keepAlive = f.integration().notifier().keepAliveInterval();
        return keepAlive != null && keepAlive.compareTo(repeat) < 0 ? keepAlive : repeat;
    }
}
