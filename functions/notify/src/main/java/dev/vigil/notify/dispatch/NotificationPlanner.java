package dev.vigil.notify.dispatch;

import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import dev.vigil.notify.model.Severity;
import dev.vigil.notify.nflog.NotificationLog;
import dev.vigil.notify.outbox.OutboxStore;
import dev.vigil.notify.route.Receiver;
import dev.vigil.notify.route.SeverityRouter;
import dev.vigil.notify.store.AlertRows;
import dev.vigil.notify.store.AlertRows.AlertRow;
import dev.vigil.notify.store.Jdbc;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Turns alert state into outbox items: stages new events, flushes a host's group once its group
 * wait has passed, and plans repeats and escalations. Runs under the "notify-plan" lease, so one
 * planner at a time; each step commits its outbox items and notification-log rows together.
 */
@Singleton
public class NotificationPlanner {

    static final String CURSOR = "alert_events";
    /** Events read per run; a backlog drains over several runs. */
    static final int EVENT_BATCH = 1000;
    /** Receivers that got an escalation are logged under this prefix, apart from their ordinary notifications. */
    static final String ESCALATION_LOG_PREFIX = "escalation:";

    /** How many outbox items each step planned. */
    public record PlanResult(int staged, int grouped, int repeats, int escalations) {
    }

    private record PendingRow(long id, long alertId, String kind) {
    }

    private final TransactionOperations<Connection> tx;
    private final AlertRows alertRows;
    private final NotificationLog log;
    private final OutboxStore outbox;
    private final SeverityRouter router;
    private final NotifyProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public NotificationPlanner(TransactionOperations<Connection> tx, AlertRows alertRows, NotificationLog log, OutboxStore outbox,
                               SeverityRouter router, NotifyProperties properties, ObjectMapper json, Clock clock) {
        this.tx = tx;
        this.alertRows = alertRows;
        this.log = log;
        this.outbox = outbox;
        this.router = router;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    public PlanResult plan() {
        return plan(() -> true);
    }

    /**
     * Plans step by step, asking {@code stillPlanner} before each step (and each host's flush) whether
     * this run still holds the planning lease; once it says no, the run stops and leaves the rest to the
     * run that took over. Every step commits on its own, so stopping in between leaves nothing half done.
     */
    public PlanResult plan(BooleanSupplier stillPlanner) {
        long now = clock.millis();
        int staged = 0;
        int grouped = 0;
        int repeats = 0;
        int escalations = 0;
        if (stillPlanner.getAsBoolean()) {
            staged = stageNewEvents(now);
        }
        if (stillPlanner.getAsBoolean()) {
            grouped = flushGroups(now, stillPlanner);
        }
        if (stillPlanner.getAsBoolean()) {
            repeats = planRepeats(now);
        }
        if (stillPlanner.getAsBoolean()) {
            escalations = planEscalations(now);
        }
        return new PlanResult(staged, grouped, repeats, escalations);
    }

    /** Copies FIRING, SEVERITY_CHANGED and RESOLVED events after the cursor into notify_pending and moves the cursor, atomically. */
    int stageNewEvents(long now) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            Jdbc.update(c, "INSERT IGNORE INTO notify_cursor (name, last_event_id) VALUES (?, 0)", CURSOR);
            long cursor = Jdbc.query(c, "SELECT last_event_id FROM notify_cursor WHERE name = ? FOR UPDATE", rs -> rs.getLong(1), CURSOR).get(0);
            long settledBefore = now - properties.getEventSettle().toMillis();
            record Event(long id, long alertId, String kind, String host, long at) {
            }
            List<Event> events = Jdbc.query(c, "SELECT e.id, e.alert_id, e.kind, a.host, e.at FROM alert_events e"
                            + " JOIN alerts a ON a.id = e.alert_id WHERE e.id > ? ORDER BY e.id LIMIT ?",
                    rs -> new Event(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5)), cursor, EVENT_BATCH);
            long last = cursor;
            int staged = 0;
            for (Event e : events) {
                if (e.at() > settledBefore) {
                    break;
                }
                last = e.id();
                String kind = switch (e.kind()) {
                    case "FIRING", "SEVERITY_CHANGED" -> "FIRING";
                    case "RESOLVED" -> "RESOLVED";
                    default -> null;
                };
                if (kind != null) {
                    staged += Jdbc.update(c, "INSERT IGNORE INTO notify_pending (event_id, alert_id, host, kind, staged_at) VALUES (?, ?, ?, ?, ?)",
                            e.id(), e.alertId(), e.host(), kind, now);
                }
            }
            Jdbc.update(c, "UPDATE notify_cursor SET last_event_id = ? WHERE name = ?", last, CURSOR);
            return staged;
        });
    }

    /**
     * For each host whose oldest staged event waited the group wait: one FIRING and one RESOLVED
     * message per receiver. New firing alerts of a host that was notified less than the group interval
     * ago wait until that interval has passed, and then go out together (resolved ones do not wait).
     */
    int flushGroups(long now) {
        return flushGroups(now, () -> true);
    }

    int flushGroups(long now, BooleanSupplier stillPlanner) {
        long readyBefore = now - properties.getGroupWait().toMillis();
        long intervalStart = now - properties.getGroupInterval().toMillis();
        record Due(String host, String kind, int maxRank, Long notifiedAt, String notifiedSeverity) {
        }
        List<Due> due = tx.executeRead(status -> Jdbc.query(status.getConnection(),
                "SELECT p.host, p.kind, MAX(CASE WHEN a.severity = 'critical' THEN 2 ELSE 1 END), g.notified_at, g.severity"
                        + " FROM notify_pending p JOIN alerts a ON a.id = p.alert_id LEFT JOIN notify_group g ON g.host = p.host"
                        + " GROUP BY p.host, p.kind, g.notified_at, g.severity HAVING MIN(p.staged_at) <= ?",
                rs -> new Due(rs.getString(1), rs.getString(2), rs.getInt(3), Jdbc.nullableLong(rs, "notified_at"), rs.getString(5)),
                readyBefore));
        Map<String, Set<String>> kindsByHost = new LinkedHashMap<>();
        for (Due d : due) {
            // A raised severity reaches receivers the last message did not (warning -> critical adds the chats): no hold.
            boolean heldByInterval = d.kind().equals("FIRING") && d.notifiedAt() != null && d.notifiedAt() > intervalStart
                    && d.maxRank() <= (Severity.parse(d.notifiedSeverity()) == Severity.CRITICAL ? 2 : 1);
            if (!heldByInterval) {
                kindsByHost.computeIfAbsent(d.host(), h -> new java.util.TreeSet<>()).add(d.kind());
            }
        }
        int planned = 0;
        for (Map.Entry<String, Set<String>> e : kindsByHost.entrySet()) {
            if (!stillPlanner.getAsBoolean()) {
                break;
            }
            planned += tx.executeWrite(status -> flushHost(status.getConnection(), e.getKey(), e.getValue(), now));
        }
        return planned;
    }

    private int flushHost(Connection c, String host, Set<String> kinds, long now) {
        List<Object> params = new ArrayList<>(List.of(host));
        params.addAll(kinds);
        List<PendingRow> rows = Jdbc.query(c, "SELECT id, alert_id, kind FROM notify_pending WHERE host = ? AND kind IN ("
                        + Jdbc.placeholders(kinds.size()) + ") ORDER BY id FOR UPDATE",
                rs -> new PendingRow(rs.getLong(1), rs.getLong(2), rs.getString(3)), params.toArray());
        if (rows.isEmpty()) {
            return 0;
        }
        Set<Long> firingIds = rows.stream().filter(r -> r.kind().equals("FIRING")).map(PendingRow::alertId).collect(Collectors.toSet());
        Set<Long> resolvedIds = rows.stream().filter(r -> r.kind().equals("RESOLVED")).map(PendingRow::alertId).collect(Collectors.toSet());
        List<AlertRow> alerts = alertRows.byIds(c, rows.stream().map(PendingRow::alertId).distinct().toList());
        // Current state wins: an alert that resolved within the group wait is not announced as firing.
        List<AlertSnapshot> firing = alerts.stream()
                .filter(a -> firingIds.contains(a.alert().id()) && "firing".equals(a.alert().state()) && !a.muted())
                .map(AlertRow::alert).toList();
        List<AlertSnapshot> resolved = alerts.stream()
                .filter(a -> resolvedIds.contains(a.alert().id()) && a.alert().resolved())
                .map(AlertRow::alert).toList();
        Map<String, NotificationLog.Entry> sent = log.find(c, resolved.stream().map(AlertSnapshot::fingerprint).toList());
        int planned = 0;
        for (Receiver r : router.all()) {
            List<AlertSnapshot> forReceiver = firing.stream().filter(a -> router.routes(r, a.severity())).toList();
            if (!forReceiver.isEmpty()) {
                enqueue(c, r, NotificationKind.FIRING, host, forReceiver, now);
                planned++;
            }
            if (r.sendResolved()) {
                // Only receivers that were told this episode was firing hear that it is over.
                List<AlertSnapshot> told = resolved.stream().filter(a -> {
                    NotificationLog.Entry e = sent.get(NotificationLog.key(r.name(), a.fingerprint()));
                    return e != null && e.alertId() == a.id();
                }).toList();
                if (!told.isEmpty()) {
                    enqueue(c, r, NotificationKind.RESOLVED, host, told, now);
                    planned++;
                }
            }
        }
        Jdbc.update(c, "DELETE FROM notify_pending WHERE id IN (" + Jdbc.placeholders(rows.size()) + ")",
                rows.stream().map(PendingRow::id).toArray());
        if (!firing.isEmpty() && planned > 0) {
            Severity highest = firing.stream().map(AlertSnapshot::severity).max(Comparator.naturalOrder()).orElseThrow();
            Jdbc.update(c, "INSERT INTO notify_group (host, notified_at, severity) VALUES (?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE notified_at = VALUES(notified_at), severity = VALUES(severity)", host, now, highest.lower());
        }
        return planned;
    }

    /** Firing, unmuted alerts whose receiver was last told at least one repeat interval ago. */
    int planRepeats(long now) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<AlertRow> candidates = alertRows.firingUnmuted(c);
            Map<String, NotificationLog.Entry> sent = log.find(c, candidates.stream().map(a -> a.alert().fingerprint()).toList());
            Map<String, Map<String, List<AlertSnapshot>>> byReceiverHost = new LinkedHashMap<>();
            for (AlertRow row : candidates) {
                AlertSnapshot a = row.alert();
                for (Receiver r : router.receiversFor(a.severity())) {
                    NotificationLog.Entry e = sent.get(NotificationLog.key(r.name(), a.fingerprint()));
                    // No entry for this episode: its first notification is still waiting out the group wait.
                    if (e != null && e.alertId() == a.id() && now - e.notifiedAt() >= router.repeatInterval(a.severity()).toMillis()) {
                        byReceiverHost.computeIfAbsent(r.name(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(a.host(), k -> new ArrayList<>()).add(a);
                    }
                }
            }
            return enqueueAll(c, byReceiverHost, NotificationKind.REPEAT, now);
        });
    }

    /** Critical alerts firing unacknowledged longer than the escalation time, once per episode per escalation receiver. */
    int planEscalations(long now) {
        List<Receiver> targets = router.escalationReceivers();
        if (targets.isEmpty()) {
            return 0;
        }
        long firedBefore = now - properties.getEscalateAfter().toMillis();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            List<AlertSnapshot> due = alertRows.firingUnmuted(c).stream().map(AlertRow::alert)
                    .filter(a -> a.severity() == dev.vigil.notify.model.Severity.CRITICAL && a.firedAt() <= firedBefore).toList();
            Map<String, NotificationLog.Entry> sent = log.find(c, due.stream().map(AlertSnapshot::fingerprint).toList());
            int planned = 0;
            for (Receiver r : targets) {
                Map<String, List<AlertSnapshot>> byHost = new LinkedHashMap<>();
                for (AlertSnapshot a : due) {
                    NotificationLog.Entry e = sent.get(NotificationLog.key(ESCALATION_LOG_PREFIX + r.name(), a.fingerprint()));
                    if (e == null || e.alertId() != a.id()) {
                        byHost.computeIfAbsent(a.host(), k -> new ArrayList<>()).add(a);
                    }
                }
                for (Map.Entry<String, List<AlertSnapshot>> g : byHost.entrySet()) {
                    enqueue(c, r, NotificationKind.ESCALATION, g.getKey(), g.getValue(), now);
                    planned++;
                }
            }
            return planned;
        });
    }

    private int enqueueAll(Connection c, Map<String, Map<String, List<AlertSnapshot>>> byReceiverHost, NotificationKind kind, long now) {
        int planned = 0;
        for (var perReceiver : byReceiverHost.entrySet()) {
            Receiver r = router.all().stream().filter(x -> x.name().equals(perReceiver.getKey())).findFirst().orElseThrow();
            for (var group : perReceiver.getValue().entrySet()) {
                enqueue(c, r, kind, group.getKey(), group.getValue(), now);
                planned++;
            }
        }
        return planned;
    }

    private void enqueue(Connection c, Receiver r, NotificationKind kind, String host, List<AlertSnapshot> alerts, long now) {
        Notification n = new Notification(r.name(), kind, host, now, alerts);
        String payload;
        try {
            payload = json.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        outbox.enqueue(c, r.name(), n.groupKey(), kind.name(), payload, now);
        if (kind != NotificationKind.RESOLVED) {
            String logReceiver = kind == NotificationKind.ESCALATION ? ESCALATION_LOG_PREFIX + r.name() : r.name();
            for (AlertSnapshot a : alerts) {
                log.record(c, logReceiver, a.fingerprint(), a.id(), now);
            }
        }
    }
}
