package dev.vigil.notify.pipeline;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.nflog.NotificationLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Critical alerts firing unacknowledged for the escalation time after people were told about them:
 * told to the escalation integration once per episode. An alert nobody was told about yet (muted
 * since it fired) is not escalated: the first responders get their chance first.
 */
public final class EscalateStage implements Stage {

    private final Duration after;

    public EscalateStage(Duration after) {
        this.after = after;
    }

    @Override
    public Flush apply(Flush f, FlushContext ctx) {
        List<AlertSnapshot> due = new ArrayList<>();
        Flush out = f;
        for (AlertSnapshot a : f.firing()) {
            NotificationLog.Entry e = ctx.entry(NotificationLog.ESCALATION_PREFIX + f.integration().key(), a.fingerprint());
            if (e != null && e.alertId() == a.id()) {
                continue;
            }
            Long announced = ctx.announcedAt(a.id(), a.fingerprint());
            if (announced == null) {
                continue;
            }
            long at = Math.max(a.firedAt(), announced) + after.toMillis();
            if (at <= ctx.now()) {
                due.add(a);
            } else {
                out = out.dueAt(at);
            }
        }
        return out.withEscalate(due);
    }
}
