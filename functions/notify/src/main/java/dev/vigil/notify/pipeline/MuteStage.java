package dev.vigil.notify.pipeline;

import dev.vigil.notify.nflog.NotificationLog;
import dev.vigil.notify.model.AlertSnapshot;

import java.util.List;

/**
 * The one muting stage: drops alerts that are silenced, inhibited or acknowledged now, and holds the
 * whole flush while its route is in a mute time interval. Muted resolutions are settled without a
 * message (Alertmanager drops them too); muted firing alerts stay unannounced, so they are announced
 * at the first flush after the mute ends. An integration that must hear of a firing alert again to
 * keep it (an Alertmanager) keeps hearing of the alerts it was told about: muting stops new
 * announcements there, and only a resolution ends what it already has.
 */
public final class MuteStage implements Stage {

    @Override
    public Flush apply(Flush f, FlushContext ctx) {
        Muter muter = ctx.muter();
        boolean keepAlive = f.integration().notifier().keepAliveInterval() != null;
        if (muter.routeMuted(f.route())) {
            // Nothing new goes out and nothing is settled: it all waits for the interval to end.
            return f.withFiring(keepAlive ? told(f, ctx) : List.of()).withResolved(List.of(), List.of());
        }
        List<AlertSnapshot> firing = f.firing().stream()
                .filter(a -> !muter.quiet(a) || keepAlive && toldAbout(f, ctx, a)).toList();
        List<AlertSnapshot> mutedResolutions = f.resolved().stream().filter(muter::muted).toList();
        List<AlertSnapshot> resolved = f.resolved().stream().filter(a -> !muter.muted(a)).toList();
        return f.withFiring(firing).withResolved(resolved, mutedResolutions);
    }

    private static List<AlertSnapshot> told(Flush f, FlushContext ctx) {
        return f.firing().stream().filter(a -> toldAbout(f, ctx, a)).toList();
    }

    private static boolean toldAbout(Flush f, FlushContext ctx, AlertSnapshot a) {
        NotificationLog.Entry e = ctx.entry(f.integration().key(), a.fingerprint());
        return e != null && e.announced(a.id(), a.severity());
    }
}
