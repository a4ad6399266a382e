package dev.vigil.housekeeping.partition;

import io.micronaut.core.annotation.Nullable;

/** One RANGE partition: rows with time below {@code lessThan}; null for the MAXVALUE catch-all. */
public record Partition(String name, @Nullable Long lessThan, long rows, long bytes) {

    public boolean catchAll() {
        return lessThan == null;
    }
}
