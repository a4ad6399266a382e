package dev.vigil.evaluate;

import dev.vigil.core.alert.EvaluationCycle;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local schedule (the all-in-one app and a plain server): evaluate every
 * {@code vigil.evaluate.interval} (15s). Off by default, because on Lambda EventBridge is the clock.
 */
@Singleton
@Requires(property = "vigil.evaluate.schedule-enabled", value = "true")
public class EvaluationSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationSchedule.class);

    private final EvaluationCycle cycle;

    public EvaluationSchedule(EvaluationCycle cycle) {
        this.cycle = cycle;
    }

    @Scheduled(fixedDelay = "${vigil.evaluate.interval:15s}", initialDelay = "${vigil.evaluate.initial-delay:5s}")
    void evaluate() {
        try {
            cycle.runOnce().ifPresent(report -> LOG.debug("evaluated: {}", report));
        } catch (RuntimeException e) {
            // recorded in job_runs by the cycle; the next tick tries again
            LOG.warn("evaluation failed: {}", e.toString());
        }
    }
}
