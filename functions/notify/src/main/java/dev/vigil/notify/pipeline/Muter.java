package dev.vigil.notify.pipeline;

import dev.vigil.core.silence.Silence;
import dev.vigil.core.silence.SilenceMatcher;
import dev.vigil.notify.config.TimeInterval;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.route.InhibitRule;
import dev.vigil.notify.route.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Silences, inhibitions, time intervals and acknowledgements as predicates, evaluated when a group
 * is flushed (Alertmanager's muters): an alert muted now is simply not sent now, so it is sent at
 * the first flush after its mute ends, whatever ended it (silence deleted or expired, inhibiting
 * alert resolved, time interval over).
 */
public final class Muter {

    private record Sources(InhibitRule rule, Map<List<String>, List<Map<String, String>>> byEqualValues) {
    }

    private final List<Silence> silences;
    private final List<Sources> inhibitions = new ArrayList<>();
    private final Map<String, List<TimeInterval>> intervals;
    private final Instant now;

    /**
     * @param silences silences in force now
     * @param firing   every firing alert: the possible inhibition sources (muted or not, as in Alertmanager)
     */
    public Muter(List<Silence> silences, List<InhibitRule> rules, List<AlertSnapshot> firing, Map<String, List<TimeInterval>> intervals,
                 long now) {
        this.silences = silences;
        this.intervals = intervals;
        this.now = Instant.ofEpochMilli(now);
        for (InhibitRule rule : rules) {
            Map<List<String>, List<Map<String, String>>> index = new HashMap<>();
            for (AlertSnapshot a : firing) {
                Map<String, String> labels = a.matchLabels();
                if (rule.isSource(labels)) {
                    index.computeIfAbsent(equalValues(rule, labels), k -> new ArrayList<>()).add(labels);
                }
            }
            if (!index.isEmpty()) {
                inhibitions.add(new Sources(rule, index));
            }
        }
    }

    /** Silenced or inhibited: nothing about it is sent, not even its resolution. */
    public boolean muted(AlertSnapshot a) {
        Map<String, String> labels = a.matchLabels();
        return silenced(labels) || inhibited(labels);
    }

    /** Muted, or acknowledged: no announcement, reminder or escalation (a resolution still goes out). */
    public boolean quiet(AlertSnapshot a) {
        return a.acknowledgedAt() != null || muted(a);
    }

    /** The route sends nothing now: inside a mute_time_interval or outside its active_time_intervals. */
    public boolean routeMuted(Route route) {
        return route != null && route.mutedAt(now, intervals);
    }

    private boolean silenced(Map<String, String> labels) {
        for (Silence s : silences) {
            if (SilenceMatcher.matches(s, labels)) {
                return true;
            }
        }
        return false;
    }

    private boolean inhibited(Map<String, String> labels) {
        for (Sources s : inhibitions) {
            if (!s.rule().isTarget(labels)) {
                continue;
            }
            for (Map<String, String> source : s.byEqualValues().getOrDefault(equalValues(s.rule(), labels), List.of())) {
                if (s.rule().inhibits(source, labels)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> equalValues(InhibitRule rule, Map<String, String> labels) {
        return rule.equal().stream().map(l -> labels.getOrDefault(l, "")).toList();
    }
}
