package dev.vigil.notify.pipeline;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.nflog.NotificationLog;

import java.util.ArrayList;
import java.util.List;

/** Announced, still firing, not muted: reminded once the route's repeat_interval passed since this integration was last told. */
public final class RepeatStage implements Stage {

    @Override
    public Flush apply(Flush f, FlushContext ctx) {
        List<AlertSnapshot> due = new ArrayList<>();
        Flush out = f;
        for (AlertSnapshot a : f.firing()) {
            NotificationLog.Entry e = ctx.entry(f.integration().key(), a.fingerprint());
            long at = e.notifiedAt() + f.route().repeatInterval(a.severity()).toMillis();
            if (at <= ctx.now()) {
                due.add(a);
            } else {
                out = out.dueAt(at);
            }
        }
        return out.withRepeat(due);
    }
}
