package dev.vigil.core.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One finished run of a scheduled job ("evaluate", "notify", "housekeeping", "maintenance"). */
@MappedEntity("job_runs")
public record JobRun(
        @Id @GeneratedValue @Nullable Long id,
        String job,
        long startedAt,
        long finishedAt,
        boolean ok,
        @Nullable String details) {
}
