package dev.vigil.core.evaluate;

import dev.vigil.core.job.JobNames;
import dev.vigil.core.job.JobRunRecorder;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Monitoring the monitor: is the last successful evaluation older than three evaluation intervals
 * ({@code vigil.evaluate.interval})? Alerts are then not being raised. The one answer both {@code /health}
 * and notify's VigilEvaluationStale meta-alert give.
 */
@Singleton
public class EvaluationStaleness {

    /** One missed run is a slow cycle or a deploy; three in a row is an outage. */
    public static final int STALE_AFTER_INTERVALS = 3;

    /**
     * @param lastSuccessAt null when evaluation never succeeded (a fresh install, which is stale but not an outage)
     * @param age           how long ago it last succeeded; null with {@code lastSuccessAt}
     */
    public record Status(boolean stale, @Nullable Long lastSuccessAt, @Nullable Duration age, Duration staleAfter) {
    }

    private final JobRunRecorder runs;
    private final Clock clock;
    private final Duration staleAfter;

    public EvaluationStaleness(JobRunRecorder runs, Clock clock, EvaluateProperties properties) {
        this.runs = runs;
        this.clock = clock;
        this.staleAfter = properties.getInterval().multipliedBy(STALE_AFTER_INTERVALS);
    }

    public Status check() {
        Long last = runs.lastSuccessAt(JobNames.EVALUATE).orElse(null);
        if (last == null) {
            return new Status(true, null, null, staleAfter);
        }
        Duration age = Duration.ofMillis(Math.max(0, clock.millis() - last));
        return new Status(age.compareTo(staleAfter) > 0, last, age, staleAfter);
    }
}
