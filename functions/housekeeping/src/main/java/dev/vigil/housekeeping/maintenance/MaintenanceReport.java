package dev.vigil.housekeeping.maintenance;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Tables analyzed and optimized by one weekly run, and the free space OPTIMIZE was expected to give back. */
@Serdeable
public record MaintenanceReport(List<String> analyzed, List<String> optimized, long reclaimableBytes) {
}
