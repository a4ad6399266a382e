package dev.vigil.ingest.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * One host as the fleet page shows it. {@code status} is the worst of: down, critical, warning, ok.
 * {@code diskFull} is the earliest predicted fill of an open predictive alert (a mount and when).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FleetTile(String name, String status, boolean up, @Nullable Long lastSeenAt, Map<String, String> labels,
                        @Nullable Double cpuPercent, @Nullable Double memoryPercent, @Nullable Disk fullestDisk,
                        @Nullable DiskFull diskFull, Firing firing, int pending) {

    @Serdeable
    public record Disk(String mount, double usedPercent) {
    }

    @Serdeable
    public record DiskFull(@Nullable String mount, long at) {
    }

    @Serdeable
    public record Firing(int critical, int warning) {
    }
}
