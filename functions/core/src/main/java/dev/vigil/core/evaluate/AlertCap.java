package dev.vigil.core.evaluate;

import dev.vigil.core.alert.AlertEventKind;
import dev.vigil.core.alert.AlertRecord;
import dev.vigil.core.alert.AlertState;
import dev.vigil.core.alert.AlertStateMachine;
import dev.vigil.core.alert.AlertStore;
import dev.vigil.core.alert.AlertTransition;
import dev.vigil.core.alert.Fingerprint;
import dev.vigil.core.alert.Resolution;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.rules.Quantities;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.sample.Labels;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * At most {@code vigil.evaluate.max-new-alerts-per-rule} new alerts per rule per cycle; the rest are
 * held back (they are candidates again next cycle, so nothing is lost, only spread out). While a rule
 * is capped, one meta-alert about Vigil itself says so, shaped like notify's (host "vigil", no host
 * id, the subject in its labels: {"rule": "DiskSpaceLow"}); it resolves once a cycle stays under the cap.
 */
final class AlertCap {

    static final String RULE = "VigilAlertsCapped";
    // held back, not lost: the operator should look soon, but nothing is hidden for good
    static final Severity SEVERITY = Severity.WARNING;
    private static final Comparator<AlertTransition> WORST_FIRST = Comparator
            .comparing((AlertTransition t) -> t.after().severity() == Severity.CRITICAL ? 0 : 1)
            .thenComparing(t -> t.after().host())
            .thenComparing(t -> t.after().labelsJson());

    private final int limit;
    private final EvaluationShard shard;
    private final Map<String, List<AlertTransition>> candidates = new LinkedHashMap<>();
    /** Rules over the cap this cycle: how many new alerts they had and how many were held back. */
    private final Map<String, int[]> capped = new LinkedHashMap<>();
    private final Map<String, Integer> newPerRule = new HashMap<>();

    AlertCap(int limit) {
        this(limit, EvaluationShard.ALL);
    }

    /**
     * A shard opens at most its share of the limit (rounded up): shards hold evenly many hosts, so the fleet
     * still opens about {@code limit} new alerts per rule per cycle, without the shards having to count together.
     * Its meta-alerts carry its {@code shard} label, so each shard raises and resolves only its own.
     */
    AlertCap(int limit, EvaluationShard shard) {
        this.limit = (limit + shard.count() - 1) / shard.count();
        this.shard = shard;
    }

    /** The shard label of a meta-alert (null for a single evaluator's). */
    static String shardOf(AlertRecord meta) {
        return Labels.fromJson(meta.labelsJson()).get("shard");
    }

    void offer(String rule, AlertTransition creation) {
        candidates.computeIfAbsent(rule, r -> new ArrayList<>()).add(creation);
    }

    /** The creations that may go ahead: all of a rule's when under the cap, else its worst {@code limit}. */
    List<AlertTransition> admitted() {
        List<AlertTransition> out = new ArrayList<>();
        candidates.forEach((rule, list) -> {
            newPerRule.put(rule, list.size());
            if (list.size() <= limit) {
                out.addAll(list);
                return;
            }
            list.sort(WORST_FIRST);
            out.addAll(list.subList(0, limit));
            capped.put(rule, new int[] {list.size(), list.size() - limit});
        });
        return out;
    }

    int heldBack() {
        return capped.values().stream().mapToInt(c -> c[1]).sum();
    }

    /**
     * Raises, refreshes and resolves the meta-alerts.
     *
     * @param openMeta the open meta-alerts of {@link #RULE}
     * @return their events, to append with the others
     */
    List<AlertStore.Event> updateMetaAlerts(AlertStore store, List<AlertRecord> openMeta, long now) throws SQLException {
        List<AlertStore.Event> events = new ArrayList<>();
        List<AlertRecord> updates = new ArrayList<>();
        Map<String, AlertRecord> open = new HashMap<>();
        for (AlertRecord a : openMeta) {
            open.put(a.labelsJson(), a);
        }
        for (Map.Entry<String, int[]> e : capped.entrySet()) {
            String labels = Labels.toJson(shard.whole() ? Map.of("rule", e.getKey())
                    : Map.of("rule", e.getKey(), "shard", shard.label()));
            AlertRecord existing = open.remove(labels);
            AlertRecord current = describe(existing == null ? raised(labels, now) : existing.toBuilder(),
                    e.getKey(), e.getValue()[0], e.getValue()[1], now);
            if (existing != null) {
                updates.add(current);
                continue;
            }
            AlertRecord inserted = store.insert(current);
            if (inserted != null) {
                events.add(new AlertStore.Event(inserted.id(), AlertEventKind.FIRING, SEVERITY,
                        inserted.value(), now, inserted.summary()));
            }
        }
        for (AlertRecord stillOpen : open.values()) {
            String rule = Labels.fromJson(stillOpen.labelsJson()).getOrDefault("rule", "?");
            int lastCycle = newPerRule.getOrDefault(rule, 0);
            AlertTransition t = AlertStateMachine.resolve(stillOpen, now, Resolution.RECOVERED, "no longer capped: "
                    + lastCycle + " new " + rule + " alerts in the last cycle (limit " + limit + ")");
            updates.add(t.after());
            events.add(new AlertStore.Event(stillOpen.id(), AlertEventKind.RESOLVED, SEVERITY, stillOpen.value(), now,
                    t.after().resolutionText()));
        }
        store.update(updates);
        return events;
    }

    private static AlertRecord.Builder raised(String labels, long now) {
        return AlertRecord.builder()
                .fingerprint(Fingerprint.of(RULE, SelfHost.NAME, labels))
                .rule(RULE)
                .host(null, SelfHost.NAME)
                .labelsJson(labels)
                .hostLabelsJson(HostLabels.NONE)
                .severity(SEVERITY)
                .state(AlertState.FIRING)
                .startsAt(now)
                .firingAt(now);
    }

    private AlertRecord describe(AlertRecord.Builder a, String rule, int candidates, int heldBack, long now) {
        String limitText = Quantities.plain(limit) + " new alerts per rule per cycle";
        return a.value((double) heldBack, heldBack + " held back")
                .threshold((double) limit, limitText)
                .texts("Rule " + rule + " had " + candidates + " new alerts in one evaluation; " + limit
                                + " were opened and " + heldBack + " held back for later cycles "
                                + "(vigil.evaluate.max-new-alerts-per-rule).",
                        "Evaluation opens at most " + limitText + " so that one bad rule cannot flood the database"
                                + " and every receiver; the held-back alerts are opened in the following cycles.",
                        "A rule that matches this many series at once is usually too broad or has a wrong threshold:"
                                + " check " + rule + " (GET /api/v1/alerts?state=firing). Raise"
                                + " vigil.evaluate.max-new-alerts-per-rule only for a fleet this large.", null)
                .updatedAt(now)
                .build();
    }
}
