package dev.vigil.ingest.dbstats;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One partitioned table of Vigil's database and its RANGE partitions in order. {@code lessThan} is the
 * partition's upper bound (epoch milliseconds, exclusive), null for the MAXVALUE catch-all; rows and bytes
 * are the engine's estimates.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TablePartitions(String table, long rows, long bytes, List<Part> partitions) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Part(String name, @Nullable Long lessThan, long rows, long bytes) {
    }
}
