package dev.vigil.core.retention;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What Vigil's own database occupies. {@code growthBytesPerDay} comes from the size samples
 * housekeeping stored earlier (host {@code vigil}); it is null until there is an earlier sample
 * at least an hour old.
 */
@Serdeable
public record DatabaseSize(String schema,
                           StorageEngine engine,
                           long measuredAt,
                           long totalBytes,
                           long totalRows,
                           @Nullable Double growthBytesPerDay,
                           List<TableSize> tables) {

    public DatabaseSize withGrowth(@Nullable Double perDay) {
        return new DatabaseSize(schema, engine, measuredAt, totalBytes, totalRows, perDay, tables);
    }
}
