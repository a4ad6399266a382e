package dev.vigil.ingest.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** A host as the admin API shows it; times are epoch milliseconds; {@code labels} is {} when it has none. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HostView(String name, long createdAt, @Nullable Long lastSeenAt, boolean up, Map<String, String> labels) {
}
