package dev.vigil.housekeeping.partition;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What one run did to one table's partitions. Dropped rows and bytes are InnoDB's estimates from
 * information_schema, read just before the drop (counting exactly would scan what we drop).
 */
@Serdeable
public record PartitionReport(String table, boolean converted, List<String> created, List<String> dropped,
                              long droppedRowsEstimate, long droppedBytes, int partitions) {
}
