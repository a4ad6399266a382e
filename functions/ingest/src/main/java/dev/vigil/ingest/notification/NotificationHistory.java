package dev.vigil.ingest.notification;

import dev.vigil.ingest.admin.ReadStatements;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.vigil.core.db.Sql.nullableLong;
import static dev.vigil.ingest.admin.ReadStatements.placeholders;

/**
 * What notify sent, from its outbox ({@code notify_outbox}) and the alerts each item told about
 * ({@code notify_outbox_alert}), newest first. One page costs at most three statements, whatever its size:
 * the items, their alert links, and the hosts of linked alerts for items whose payload does not name one.
 */
@Singleton
public class NotificationHistory {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** A message about thousands of alerts lists the first this many ids (lowest first) and their count. */
    public static final int MAX_ALERT_IDS_PER_ITEM = 50;

    // The database keeps the first ids of each item and counts the rest: a page of messages about thousands
    // of alerts ships 50 ids per item, not every link (window functions: MySQL 8, MariaDB 10.2+, H2 2).
    private static final String LINKS = "SELECT outbox_id, alert_id, linked_alerts FROM (SELECT outbox_id, alert_id, "
            + "ROW_NUMBER() OVER (PARTITION BY outbox_id ORDER BY alert_id) AS rn, "
            + "COUNT(*) OVER (PARTITION BY outbox_id) AS linked_alerts FROM notify_outbox_alert WHERE outbox_id IN (%s)) l "
            + "WHERE rn <= " + MAX_ALERT_IDS_PER_ITEM + " ORDER BY outbox_id, alert_id";

    private final ReadStatements reads;

    public NotificationHistory(ReadStatements reads) {
        this.reads = reads;
    }

    /** Filters of a page; null means any. {@code kind} and {@code status} are the stored words. */
    public record Filter(@Nullable Long alertId, @Nullable String receiver, @Nullable Long since,
                         @Nullable String kind, @Nullable String status, int limit) {

        public static Filter ofAlert(long alertId, int limit) {
            return new Filter(alertId, null, null, null, null, limit);
        }
    }

    private record Item(long id, String receiver, String target, String kind, String status, int attempts,
                        long createdAt, Long sentAt, Long nextAttemptAt, String lastError, String payloadPrefix) {
    }

    private record Link(long outboxId, long alertId, int alerts) {
    }

    private record AlertHost(long alertId, String host) {
    }

    public List<NotificationView> list(Filter filter) {
        return reads.read("notification history", session -> list(session, filter));
    }

    /** Inside another read (an alert's detail), on its connection. */
    public List<NotificationView> list(ReadStatements.Session session, Filter filter) throws SQLException {
        ReadStatements.Where where = new ReadStatements.Where()
                .and("id IN (SELECT outbox_id FROM notify_outbox_alert WHERE alert_id = ?)", filter.alertId())
                .and("receiver = ?", filter.receiver())
                .and("created_at >= ?", filter.since())
                .and("kind = ?", filter.kind())
                .and("status = ?", filter.status());
        String sql = "SELECT id, receiver, target, kind, status, attempts, created_at, sent_at, next_attempt_at, last_error, "
                + "SUBSTRING(payload, 1, " + PayloadSummary.PREFIX_CHARS + ") FROM notify_outbox" + where.sql()
                + " ORDER BY id DESC LIMIT " + Math.max(1, Math.min(filter.limit(), MAX_LIMIT));
        List<Item> items = session.list(sql, NotificationHistory::item, where.params());
        if (items.isEmpty()) {
            return List.of();
        }
        List<Long> ids = items.stream().map(Item::id).toList();
        Map<Long, List<Long>> alertsOf = new HashMap<>();
        Map<Long, Integer> alertCountOf = new HashMap<>();
        for (Link link : session.list(LINKS.formatted(placeholders(ids.size())),
                rs -> new Link(rs.getLong(1), rs.getLong(2), rs.getInt(3)), ids)) {
            alertsOf.computeIfAbsent(link.outboxId(), k -> new ArrayList<>()).add(link.alertId());
            alertCountOf.put(link.outboxId(), link.alerts());
        }
        Map<Long, PayloadSummary> payloads = new HashMap<>();
        List<Long> hostless = new ArrayList<>();
        for (Item i : items) {
            PayloadSummary payload = PayloadSummary.read(i.payloadPrefix(), i.kind().toLowerCase(Locale.ROOT),
                    alertCountOf.getOrDefault(i.id(), 0));
            payloads.put(i.id(), payload);
            if (payload.host == null && alertsOf.containsKey(i.id())) {
                hostless.add(alertsOf.get(i.id()).get(0));
            }
        }
        Map<Long, String> hostOfAlert = hostless.isEmpty() ? Map.of() : hostsOf(session, hostless);
        List<NotificationView> out = new ArrayList<>(items.size());
        for (Item i : items) {
            List<Long> alertIds = alertsOf.getOrDefault(i.id(), List.of());
            PayloadSummary payload = payloads.get(i.id());
            String host = payload.host != null || alertIds.isEmpty() ? payload.host : hostOfAlert.get(alertIds.get(0));
            boolean pending = DeliveryStatus.PENDING.stored().equals(i.status());
            out.add(new NotificationView(i.id(), i.receiver(), i.target(), i.kind().toLowerCase(Locale.ROOT),
                    DeliveryStatus.wireOfStored(i.status()), i.attempts(), i.createdAt(), i.sentAt(),
                    pending ? i.nextAttemptAt() : null, i.lastError(), host, alertCountOf.getOrDefault(i.id(), 0),
                    List.copyOf(alertIds), payload.summary));
        }
        return out;
    }

    /** For items whose payload names no host: the host of their first alert. */
    private static Map<Long, String> hostsOf(ReadStatements.Session session, List<Long> alertIds) throws SQLException {
        Map<Long, String> hostOf = new HashMap<>();
        for (AlertHost a : session.list("SELECT id, host FROM alerts WHERE id IN (" + placeholders(alertIds.size()) + ")",
                rs -> new AlertHost(rs.getLong(1), rs.getString(2)), alertIds)) {
            hostOf.put(a.alertId(), a.host());
        }
        return hostOf;
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                rs.getLong(7), nullableLong(rs, 8), nullableLong(rs, 9), rs.getString(10), rs.getString(11));
    }
}
