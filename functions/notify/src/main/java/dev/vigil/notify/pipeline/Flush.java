package dev.vigil.notify.pipeline;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.route.Integration;
import dev.vigil.notify.route.Route;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one aggregation group holds for one integration as it goes through the stages. The grouping
 * stage fills {@code firing} and {@code resolved}; mute and dedup narrow them; the timing, repeat and
 * escalation stages decide what goes out now ({@code announce}, {@code repeat}, {@code escalate},
 * {@code resolve}); send enqueues that.
 *
 * @param route       the route of the group (null for escalations, which are per host)
 * @param resolved    resolved alerts this integration was told fired and has not heard the end of
 * @param settle      resolutions that need no message (no send_resolved, or muted): only logged as told
 * @param nextDueAt   when something held back in this flush becomes due (group wait or interval), or null
 */
public record Flush(@Nullable Route route, String groupKey, Map<String, String> groupLabels, Integration integration,
                    List<AlertSnapshot> firing, List<AlertSnapshot> resolved,
                    List<AlertSnapshot> announce, List<AlertSnapshot> repeat, List<AlertSnapshot> escalate,
                    List<AlertSnapshot> resolve, List<AlertSnapshot> settle, @Nullable Long nextDueAt) {

    public static Flush of(@Nullable Route route, String groupKey, Map<String, String> groupLabels, Integration integration,
                           List<AlertSnapshot> firing, List<AlertSnapshot> resolved) {
        return new Flush(route, groupKey, groupLabels, integration, firing, resolved, List.of(), List.of(), List.of(), List.of(),
                List.of(), null);
    }

    public Flush withFiring(List<AlertSnapshot> f) {
        return new Flush(route, groupKey, groupLabels, integration, f, resolved, announce, repeat, escalate, resolve, settle, nextDueAt);
    }

    public Flush withResolved(List<AlertSnapshot> r, List<AlertSnapshot> moreSettled) {
        return new Flush(route, groupKey, groupLabels, integration, firing, r, announce, repeat, escalate, resolve,
                concat(settle, moreSettled), nextDueAt);
    }

    public Flush withAnnounce(List<AlertSnapshot> a) {
        return new Flush(route, groupKey, groupLabels, integration, firing, resolved, a, repeat, escalate, resolve, settle, nextDueAt);
    }

    public Flush withRepeat(List<AlertSnapshot> r) {
        return new Flush(route, groupKey, groupLabels, integration, firing, resolved, announce, r, escalate, resolve, settle, nextDueAt);
    }

    public Flush withEscalate(List<AlertSnapshot> e) {
        return new Flush(route, groupKey, groupLabels, integration, firing, resolved, announce, repeat, e, resolve, settle, nextDueAt);
    }

    public Flush withResolve(List<AlertSnapshot> r) {
        return new Flush(route, groupKey, groupLabels, integration, firing, resolved, announce, repeat, escalate, r, settle, nextDueAt);
    }

    /** Whether the send stage has anything to enqueue or log. */
    public boolean hasWork() {
        return !announce.isEmpty() || !repeat.isEmpty() || !escalate.isEmpty() || !resolve.isEmpty() || !settle.isEmpty();
    }

    /** Keeps the earliest of the due times stages report. */
    public Flush dueAt(long at) {
        Long next = nextDueAt == null ? at : Math.min(nextDueAt, at);
        return new Flush(route, groupKey, groupLabels, integration, firing, resolved, announce, repeat, escalate, resolve, settle, next);
    }

    private static List<AlertSnapshot> concat(List<AlertSnapshot> a, List<AlertSnapshot> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<AlertSnapshot> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
