package dev.vigil.ingest.jobrun;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One finished run of a scheduled job as {@code job_runs} recorded it: when, how long, whether it went well,
 * and its {@code details} as the job wrote them (housekeeping: a JSON report; a failed run: the error).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobRunView(long id, String job, long startedAt, long finishedAt, long durationMs, boolean ok,
                         @Nullable String details) {
}
