package dev.vigil.core.silence;

import dev.vigil.core.alert.AlertRecord;

import java.util.List;

/**
 * The one muting predicate evaluation applies to every open alert: silenced while an active silence
 * matches it, inhibited while an inhibiting alert (HostDown) fires for its host. Muted alerts stay
 * tracked; notify leaves them out of messages.
 */
public final class Muting {

    private final List<Silence> activeSilences;
    private final InhibitionRule inhibition;

    public Muting(List<Silence> activeSilences, InhibitionRule inhibition) {
        this.activeSilences = activeSilences;
        this.inhibition = inhibition;
    }

    /** The alert with its silenced and inhibited flags as they are now. */
    public AlertRecord apply(AlertRecord alert) {
        return alert.withFlags(SilenceMatcher.silenced(activeSilences, alert), inhibition.inhibited(alert));
    }
}
