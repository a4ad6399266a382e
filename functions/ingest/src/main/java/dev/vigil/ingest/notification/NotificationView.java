package dev.vigil.ingest.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One outbox item as the history shows it: to whom ({@code receiver}, {@code target} with secrets redacted
 * by notify), why ({@code kind}: firing, repeat, escalation, resolved, test), whether it arrived
 * ({@code status}: delivered, failed, pending; {@code lastError}), and about what ({@code host},
 * {@code alertCount} alerts, the first 50 of them in {@code alertIds}, a subject-like {@code summary}). Times are epoch milliseconds.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NotificationView(long id, String receiver, @Nullable String target, String kind, String status,
                               int attempts, long createdAt, @Nullable Long sentAt, @Nullable Long nextAttemptAt,
                               @Nullable String lastError, @Nullable String host, int alertCount, List<Long> alertIds,
                               @Nullable String summary) {
}
