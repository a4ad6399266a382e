package dev.vigil.ingest.notification;

import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/v1/notifications?alert=&receiver=&since=&kind=&status=&limit=} (admin token): what notify
 * sent, newest first. {@code since} is epoch milliseconds, an ISO-8601 time or a look-back like {@code 2h}.
 */
@Controller("/api/v1/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NotificationsController {

    static final Set<String> KINDS = Set.of("firing", "repeat", "escalation", "resolved", "test");
    /** {@code notify_outbox.receiver} is VARCHAR(64): a longer name can never match. */
    static final int MAX_RECEIVER_LENGTH = 64;

    private final ApiAuth auth;
    private final NotificationHistory history;
    private final Clock clock;

    NotificationsController(ApiAuth auth, NotificationHistory history, Clock clock) {
        this.auth = auth;
        this.history = history;
        this.clock = clock;
    }

    @Get
    public List<NotificationView> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                       @QueryValue @Nullable String alert, @QueryValue @Nullable String receiver,
                                       @QueryValue @Nullable String since, @QueryValue @Nullable String kind,
                                       @QueryValue @Nullable String status, @QueryValue @Nullable String limit) {
        auth.requireRead(authorization);
        return history.list(new NotificationHistory.Filter(
                blank(alert) ? null : QueryParams.positiveLong(alert, "alert", "an alert id"),
                blank(receiver) ? null : receiver(receiver),
                blank(since) ? null : QueryParams.since(since, "since", clock.millis()),
                blank(kind) ? null : kind(kind),
                blank(status) ? null : status(status),
                blank(limit) ? NotificationHistory.DEFAULT_LIMIT : limit(limit)));
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static String receiver(String receiver) {
        if (receiver.length() > MAX_RECEIVER_LENGTH) {
            throw ApiException.badRequest("receiver names are at most " + MAX_RECEIVER_LENGTH + " characters", "receiver");
        }
        return receiver;
    }

    private static String kind(String kind) {
        String k = kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw ApiException.badRequest("kind must be one of firing, repeat, escalation, resolved, test", "kind");
        }
        return k.toUpperCase(Locale.ROOT);
    }

    private static String status(String status) {
        return DeliveryStatus.fromWire(status.trim().toLowerCase(Locale.ROOT)).map(DeliveryStatus::stored)
                .orElseThrow(() -> ApiException.badRequest("status must be delivered, failed or pending", "status"));
    }

    private static int limit(String limit) {
        long n = QueryParams.positiveLong(limit, "limit", "a number of items");
        if (n > NotificationHistory.MAX_LIMIT) {
            throw ApiException.badRequest("limit is at most " + NotificationHistory.MAX_LIMIT, "limit");
        }
        return (int) n;
    }
}
