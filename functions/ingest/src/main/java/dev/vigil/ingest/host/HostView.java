package dev.vigil.ingest.host;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A host as the admin API shows it; times are epoch milliseconds. */
@Serdeable
public record HostView(String name, long createdAt, @Nullable Long lastSeenAt, boolean up) {
}
