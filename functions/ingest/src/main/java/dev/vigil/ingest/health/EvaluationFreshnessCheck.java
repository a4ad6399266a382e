package dev.vigil.ingest.health;

import dev.vigil.core.evaluate.EvaluationStaleness;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Monitoring the monitor: an evaluation older than three intervals means alerts are not being
 * raised ({@link EvaluationStaleness}, the same answer notify's VigilEvaluationStale gives). Before the
 * first evaluation ever completes nothing is reported (a fresh install).
 */
@Singleton
public class EvaluationFreshnessCheck implements HealthCheck {

    private final EvaluationStaleness staleness;

    public EvaluationFreshnessCheck(EvaluationStaleness staleness) {
        this.staleness = staleness;
    }

    @Override
    public String name() {
        return "evaluation";
    }

    @Override
    public Optional<String> problem() {
        EvaluationStaleness.Status status = staleness.check();
        if (!status.stale() || status.lastSuccessAt() == null) {
            return Optional.empty();
        }
        return Optional.of("stale: last successful evaluation " + status.age().toSeconds() + " s ago (limit "
                + status.staleAfter().toSeconds() + " s)");
    }
}
