package dev.vigil.housekeeping.rollup;

import io.micronaut.serde.annotation.Serdeable;

/** Windows [from, to) of one resolution rolled up by one run, and the rows written or rewritten. */
@Serdeable
public record RollupReport(String resolution, long from, long to, long rows, int statements) {
}
