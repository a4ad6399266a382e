package dev.vigil.notify.dispatch;

import dev.vigil.core.silence.Silence;
import dev.vigil.core.silence.SilenceMatcher;
import dev.vigil.core.silence.SilenceService;
import dev.vigil.core.rules.Severity;
import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.nflog.NotificationLog;
import dev.vigil.notify.pipeline.DedupStage;
import dev.vigil.notify.pipeline.EscalateStage;
import dev.vigil.notify.pipeline.Flush;
import dev.vigil.notify.pipeline.FlushContext;
import dev.vigil.notify.pipeline.GroupWaitStage;
import dev.vigil.notify.pipeline.MuteStage;
import dev.vigil.notify.pipeline.Muter;
import dev.vigil.notify.pipeline.RepeatStage;
import dev.vigil.notify.pipeline.SendStage;
import dev.vigil.notify.pipeline.Stage;
import dev.vigil.notify.route.Integration;
import dev.vigil.notify.route.Receiver;
import dev.vigil.notify.route.Route;
import dev.vigil.notify.route.Routing;
import dev.vigil.notify.route.RoutingSource;
import dev.vigil.notify.store.AlertRows;
import dev.vigil.notify.store.RouteGroupStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One planning pass, Alertmanager's dispatcher over a table: reads the firing alerts and the
 * resolutions receivers are owed, groups them by route and group labels, and runs every group's
 * flush for every integration of its receiver through the stages mute → dedup → group wait →
 * repeat (deciding, read-only) and then send, in one transaction per group that has something to send. Escalations run mute → escalate → send per
 * host. Runs under the "notify-plan" lease, so one planner at a time.
 */
@Singleton
public class NotificationPlanner {

    /**
     * How many messages the pass enqueued by kind, and when the earliest thing it held back (a group
     * wait, a group interval, a repeat) becomes due: the local schedule wakes up then.
     */
    public record PlanResult(int firing, int repeats, int escalations, int resolved, @Nullable Long nextDueAt) {
        public static final PlanResult NOTHING = new PlanResult(0, 0, 0, 0, null);

        PlanResult plus(Flush f) {
            Long next = nextDueAt;
            if (f.nextDueAt() != null && (next == null || f.nextDueAt() < next)) {
                next = f.nextDueAt();
            }
            return new PlanResult(firing + (f.announce().isEmpty() ? 0 : 1), repeats + (f.repeat().isEmpty() ? 0 : 1),
                    escalations + (f.escalate().isEmpty() ? 0 : 1), resolved + (f.resolve().isEmpty() ? 0 : 1), next);
        }

        public int total() {
            return firing + repeats + escalations + resolved;
        }
    }

    /** The alerts of one aggregation group: firing ones, and per integration the resolutions it is owed. */
    private record Group(Route route, String key, Map<String, String> labels, List<AlertSnapshot> firing,
                         Map<String, List<AlertSnapshot>> owed) {
    }

    private final TransactionOperations<Connection> tx;
    private final AlertRows alertRows;
    private final NotificationLog log;
    private final RouteGroupStore groups;
    private final RoutingSource routing;
    private final SilenceService silences;
    private final NotifyProperties properties;
    private final Clock clock;
    private final Stage decide;
    private final Stage escalation;
    private final SendStage send;

    public NotificationPlanner(TransactionOperations<Connection> tx, AlertRows alertRows, NotificationLog log, RouteGroupStore groups,
                               RoutingSource routing, SilenceService silences, SendStage send, NotifyProperties properties, Clock clock) {
        this.tx = tx;
        this.alertRows = alertRows;
        this.log = log;
        this.groups = groups;
        this.routing = routing;
        this.silences = silences;
        this.properties = properties;
        this.clock = clock;
        this.send = send;
        this.decide = Stage.sequence(new MuteStage(), new DedupStage(), new GroupWaitStage(), new RepeatStage());
        this.escalation = Stage.sequence(new MuteStage(), new EscalateStage(properties.getEscalateAfter()));
    }

    public PlanResult plan() {
        return plan(() -> true);
    }

    /**
     * Plans group by group, asking {@code stillPlanner} before each whether this run still holds the
     * planning lease; once it says no, the run stops and leaves the rest to the run that took over.
     * Every group commits on its own, so stopping in between leaves nothing half done.
     */
    public PlanResult plan(BooleanSupplier stillPlanner) {
        if (!stillPlanner.getAsBoolean()) {
            return PlanResult.NOTHING;
        }
        long now = clock.millis();
        Routing r = routing.current();
        List<Silence> active = silences.listCurrent().stream().filter(s -> SilenceMatcher.isActive(s, now)).toList();
        record Read(List<AlertSnapshot> firing, List<AlertRows.OwedResolution> owed, Map<String, NotificationLog.Entry> log,
                    Map<String, RouteGroupStore.LastFlush> lastFlushes, Map<String, Group> groups) {
        }
        Read read = tx.executeRead(status -> {
            Connection c = status.getConnection();
            List<AlertSnapshot> firing = alertRows.firing(c);
            List<AlertRows.OwedResolution> owed = alertRows.owedResolutions(c);
            Map<String, NotificationLog.Entry> entries = log.find(c, Stream.concat(firing.stream(), owed.stream().map(AlertRows.OwedResolution::alert))
                    .map(AlertSnapshot::fingerprint).toList());
            Map<String, Group> grouped = group(r, firing, owed);
            return new Read(firing, owed, entries, groups.find(c, grouped.keySet()), grouped);
        });
        Muter muter = new Muter(active, r.inhibitRules(), read.firing(), r.config().timeIntervals(), now);
        Map<String, RouteGroupStore.LastFlush> lastFlushes = new LinkedHashMap<>(read.lastFlushes());
        PlanResult result = PlanResult.NOTHING;
        FlushContext deciding = new FlushContext(now, muter, read.log(), lastFlushes, null, Map.of());
        for (Group g : read.groups().values()) {
            if (!stillPlanner.getAsBoolean()) {
                return result;
            }
            Receiver receiver = r.receiver(g.route().receiver()).orElse(null);
            if (receiver == null) {
                continue;
            }
            // Decide without a transaction; most groups of most passes have nothing to send.
            List<Flush> flushes = new ArrayList<>();
            for (Integration in : receiver.integrations()) {
                Flush f = decide.apply(Flush.of(g.route(), g.key(), g.labels(), in, g.firing(), g.owed().getOrDefault(in.key(), List.of())),
                        deciding);
                flushes.add(f);
                result = result.plus(f);
            }
            if (flushes.stream().noneMatch(Flush::hasWork)) {
                continue;
            }
            List<AlertSnapshot> announced = flushes.stream().flatMap(f -> f.announce().stream()).toList();
            tx.executeWrite(status -> {
                FlushContext writing = deciding.writingIn(status.getConnection());
                flushes.stream().filter(Flush::hasWork).forEach(f -> send.apply(f, writing));
                if (!announced.isEmpty()) {
                    groups.flushed(status.getConnection(), g.key(), now, highest(announced));
                }
                return null;
            });
            if (!announced.isEmpty()) {
                lastFlushes.put(g.key(), new RouteGroupStore.LastFlush(now, highest(announced)));
            }
        }
        if (stillPlanner.getAsBoolean()) {
            result = escalate(r, read.firing(), read.log(), lastFlushes, muter, now, result);
        }
        return result;
    }

    /** Route groups of the firing alerts and of the owed resolutions, keyed by group key. */
    private Map<String, Group> group(Routing r, List<AlertSnapshot> firing, List<AlertRows.OwedResolution> owed) {
        Map<String, Group> out = new LinkedHashMap<>();
        for (AlertSnapshot a : firing) {
            Map<String, String> labels = a.matchLabels();
            for (Route route : r.root().match(labels)) {
                groupOf(out, route, labels).firing().add(a);
            }
        }
        for (AlertRows.OwedResolution o : owed) {
            Map<String, String> labels = o.alert().matchLabels();
            // The route that reaches the integration now; if the routing changed so none does, the
            // root's group still tells it the episode is over.
            Route route = r.root().match(labels).stream()
                    .filter(x -> r.receiver(x.receiver()).map(rc -> rc.integrations().stream().anyMatch(i -> i.key().equals(o.integration())))
                            .orElse(false))
                    .findFirst().orElse(null);
            if (route == null) {
                Optional<Integration> in = r.integration(o.integration());
                if (in.isEmpty()) {
                    continue;
                }
                route = r.root().flatten().stream().filter(x -> x.receiver().equals(in.get().receiver())).findFirst().orElse(null);
                if (route == null) {
                    continue;
                }
            }
            groupOf(out, route, labels).owed().computeIfAbsent(o.integration(), k -> new ArrayList<>()).add(o.alert());
        }
        return out;
    }

    private static Group groupOf(Map<String, Group> groups, Route route, Map<String, String> labels) {
        Map<String, String> groupLabels = route.groupLabels(labels);
        String key = route.groupKey(groupLabels);
        return groups.computeIfAbsent(key, k -> new Group(route, k, groupLabels, new ArrayList<>(), new LinkedHashMap<>()));
    }

    /** Critical alerts past the escalation time, per escalation integration and host, in one transaction. */
    private PlanResult escalate(Routing r, List<AlertSnapshot> firing, Map<String, NotificationLog.Entry> entries,
                                Map<String, RouteGroupStore.LastFlush> lastFlushes, Muter muter, long now, PlanResult before) {
        List<Integration> targets = properties.getEscalationReceivers().stream().map(r::receiver).flatMap(Optional::stream)
                .flatMap(rc -> rc.integrations().stream()).distinct().toList();
        Map<String, List<AlertSnapshot>> byHost = new LinkedHashMap<>();
        firing.stream().filter(a -> a.severity() == Severity.CRITICAL)
                .forEach(a -> byHost.computeIfAbsent(a.host(), h -> new ArrayList<>()).add(a));
        if (targets.isEmpty() || byHost.isEmpty()) {
            return before;
        }
        FlushContext deciding = new FlushContext(now, muter, entries, lastFlushes, null, FlushContext.firstAnnouncements(entries));
        PlanResult sum = before;
        List<Flush> due = new ArrayList<>();
        for (Integration in : targets) {
            for (Map.Entry<String, List<AlertSnapshot>> host : byHost.entrySet()) {
                Flush f = escalation.apply(Flush.of(null, "escalation:{host=\"" + host.getKey() + "\"}", Map.of("host", host.getKey()), in,
                        host.getValue(), List.of()), deciding);
                sum = sum.plus(f);
                if (f.hasWork()) {
                    due.add(f);
                }
            }
        }
        if (!due.isEmpty()) {
            tx.executeWrite(status -> {
                FlushContext writing = deciding.writingIn(status.getConnection());
                due.forEach(f -> send.apply(f, writing));
                return null;
            });
        }
        return sum;
    }

    private static Severity highest(List<AlertSnapshot> alerts) {
        return alerts.stream().map(AlertSnapshot::severity).max(Severity::compareTo).orElse(Severity.WARNING);
    }
}
