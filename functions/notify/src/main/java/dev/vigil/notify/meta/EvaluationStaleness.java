package dev.vigil.notify.meta;

import dev.vigil.core.job.JobRunRecorder;
import dev.vigil.notify.config.NotifyProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** "Monitoring the monitor": is the last successful evaluation older than three evaluation intervals? For /health too. */
@Singleton
public class EvaluationStaleness {

    public static final String EVALUATE_JOB = "evaluate";

    /** {@code lastSuccessAt} is null when evaluate never succeeded. */
    public record Status(boolean stale, @Nullable Long lastSuccessAt, @Nullable Duration age, Duration staleAfter) {
    }

    private final JobRunRecorder runs;
    private final Clock clock;
    private final Duration staleAfter;

    public EvaluationStaleness(JobRunRecorder runs, Clock clock, NotifyProperties properties) {
        this.runs = runs;
        this.clock = clock;
        this.staleAfter = properties.getEvaluationInterval().multipliedBy(NotifyProperties.STALE_AFTER_INTERVALS);
    }

    public Status check() {
        Long last = runs.lastSuccessAt(EVALUATE_JOB).orElse(null);
        if (last == null) {
            return new Status(true, null, null, staleAfter);
        }
        Duration age = Duration.ofMillis(Math.max(0, clock.millis() - last));
        return new Status(age.compareTo(staleAfter) > 0, last, age, staleAfter);
    }
}
