package dev.vigil.ingest.health;

import dev.vigil.core.job.JobRunRecorder;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Monitoring the monitor: an evaluation older than three intervals means alerts are not being
 * raised. Before the first evaluation ever completes nothing is reported (a fresh install).
 */
@Singleton
public class EvaluationFreshnessCheck implements HealthCheck {

    /** Three of the Lambda schedule's one-minute intervals; the local app sets three of its 15 s. */
    public static final String DEFAULT_STALE_AFTER = "3m";

    private final JobRunRecorder runs;
    private final Clock clock;
    private final Duration staleAfter;

    public EvaluationFreshnessCheck(JobRunRecorder runs, Clock clock,
                                    @Value("${vigil.health.evaluation-stale-after:" + DEFAULT_STALE_AFTER + "}") Duration staleAfter) {
        this.runs = runs;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    @Override
    public String name() {
        return "evaluation";
    }

    @Override
    public Optional<String> problem() {
        return runs.lastSuccessAt("evaluate").flatMap(last -> {
            long age = clock.millis() - last;
            return age > staleAfter.toMillis()
                    ? Optional.of("stale: last successful evaluation " + age / 1000 + " s ago (limit " + staleAfter.toSeconds() + " s)")
                    : Optional.empty();
        });
    }
}
