package dev.vigil.notify.pipeline;

import dev.vigil.notify.model.AlertSnapshot;

import java.util.List;

/**
 * The one muting stage: drops alerts that are silenced, inhibited or acknowledged now, and holds the
 * whole flush while its route is in a mute time interval. Muted resolutions are settled without a
 * message (Alertmanager drops them too); muted firing alerts stay unannounced, so they are announced
 * at the first flush after the mute ends.
 */
public final class MuteStage implements Stage {

    @Override
    public Flush apply(Flush f, FlushContext ctx) {
        Muter muter = ctx.muter();
        if (muter.routeMuted(f.route())) {
            // Nothing goes out and nothing is settled: it all waits for the interval to end.
            return f.withFiring(List.of()).withResolved(List.of(), List.of());
        }
        List<AlertSnapshot> firing = f.firing().stream().filter(a -> !muter.quiet(a)).toList();
        List<AlertSnapshot> mutedResolutions = f.resolved().stream().filter(muter::muted).toList();
        List<AlertSnapshot> resolved = f.resolved().stream().filter(a -> !muter.muted(a)).toList();
        return f.withFiring(firing).withResolved(resolved, mutedResolutions);
    }
}
