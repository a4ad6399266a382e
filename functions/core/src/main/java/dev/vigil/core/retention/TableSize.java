package dev.vigil.core.retention;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One table's footprint. On MySQL these are InnoDB's estimates from information_schema (rows are
 * approximate); {@code freeBytes} is space allocated but unused, what OPTIMIZE could give back.
 */
@Serdeable
public record TableSize(String table, long bytes, long rows, long freeBytes) {
}
