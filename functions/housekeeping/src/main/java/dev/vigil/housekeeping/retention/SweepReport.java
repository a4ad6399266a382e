package dev.vigil.housekeeping.retention;

import io.micronaut.serde.annotation.Serdeable;

/** Rows removed from one table by batched deletes, and in how many statements. */
@Serdeable
public record SweepReport(String table, long rowsDeleted, int statements) {
}
