package dev.vigil.evaluate;

import dev.vigil.core.alert.AlertEventsRecorded;
import dev.vigil.core.evaluate.EvaluationCycle;
import dev.vigil.core.evaluate.EvaluationReport;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local schedule (the all-in-one app and a plain server): evaluate every
 * {@code vigil.evaluate.interval} (15s). Off by default, because on Lambda EventBridge is the clock.
 * After a cycle that recorded alert events it publishes {@link AlertEventsRecorded}, so a notify pass
 * in the same process can start at once instead of waiting for its own timer.
 */
@Singleton
@Requires(property = "vigil.evaluate.schedule.enabled", value = "true")
public class EvaluationSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationSchedule.class);

    private final EvaluationCycle cycle;
    private final ApplicationEventPublisher<AlertEventsRecorded> recorded;

    public EvaluationSchedule(EvaluationCycle cycle, ApplicationEventPublisher<AlertEventsRecorded> recorded) {
        this.cycle = cycle;
        this.recorded = recorded;
    }

    @Scheduled(fixedDelay = "${vigil.evaluate.interval:15s}", initialDelay = "${vigil.evaluate.initial-delay:5s}")
    void evaluate() {
        EvaluationReport report;
        try {
            report = cycle.runOnce().orElse(null);
        } catch (RuntimeException e) {
            // recorded in job_runs by the cycle; the next tick tries again
            LOG.warn("evaluation failed: {}", e.toString());
            return;
        }
        if (report == null) {
            return;
        }
        LOG.debug("evaluated: {}", report);
        if (report.events() > 0) {
            handOff(new AlertEventsRecorded(report.events(), report.at()));
        }
    }

    /**
     * Listeners run on this thread (Micronaut's default; one that does slow work should be {@code @Async}).
     * The events are committed already, so a failing listener costs only the early start: notify's own
     * timer still finds them.
     */
    private void handOff(AlertEventsRecorded event) {
        try {
            recorded.publishEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("a listener of {} failed; notify picks the events up on its own schedule: {}", event, e.toString());
        }
    }
}
