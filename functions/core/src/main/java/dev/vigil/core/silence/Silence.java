package dev.vigil.core.silence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * Mutes matching alerts between startsAt and endsAt. With a cron expression it is a recurring
 * maintenance window instead: muted for durationMs after each cron time (UTC) that falls inside
 * [startsAt, endsAt). Matchers are exact values of {@code host}, {@code rule} (or {@code alertname}),
 * {@code severity} or any label.
 */
@Serdeable
public record Silence(
        @Nullable Long id,
        Map<String, String> matchers,
        long startsAt,
        long endsAt,
        @Nullable String cron,
        @Nullable Long durationMs,
        @Nullable String comment,
        @Nullable String createdBy,
        long createdAt,
        @Nullable Long expiredAt) {
}
