package dev.vigil.notify.pipeline;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.nflog.NotificationLog;

import java.util.ArrayList;
import java.util.List;

/**
 * Against the notification log: a firing alert this integration was not told about (this episode,
 * this severity) is a candidate to announce; the others stay in {@code firing} for the repeat stage.
 * Resolutions go on only to integrations with send_resolved; the others just settle them.
 */
public final class DedupStage implements Stage {

    @Override
    public Flush apply(Flush f, FlushContext ctx) {
        List<AlertSnapshot> fresh = new ArrayList<>();
        List<AlertSnapshot> told = new ArrayList<>();
        for (AlertSnapshot a : f.firing()) {
            NotificationLog.Entry e = ctx.entry(f.integration().key(), a.fingerprint());
            (e != null && e.announced(a.id(), a.severity()) ? told : fresh).add(a);
        }
        Flush out = f.withFiring(told).withAnnounce(fresh);
        return f.integration().sendResolved() ? out : out.withResolved(List.of(), f.resolved());
    }
}
