package dev.vigil.housekeeping.retention;

import io.micronaut.serde.annotation.Serdeable;

/** Expired alert history removed by one run. */
@Serdeable
public record AlertHistoryReport(long alerts, long events, long notifications) {
}
