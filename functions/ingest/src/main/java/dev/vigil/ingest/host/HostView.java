package dev.vigil.ingest.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import dev.vigil.ingest.maintenance.HostMaintenance;

import java.util.Map;

/**
 * A host as the admin API shows it; times are epoch milliseconds; {@code labels} is {} when it has none;
 * {@code maintenance} is null unless the host is in maintenance.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HostView(String name, long createdAt, @Nullable Long lastSeenAt, boolean up, Map<String, String> labels,
                       boolean inMaintenance, @Nullable HostMaintenance maintenance) {
}
