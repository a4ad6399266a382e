package dev.vigil.evaluate;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.vigil.core.evaluate.EvaluationCycle;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry point for the EventBridge schedule: one evaluation per invocation. Overlapping
 * invocations are safe; the one without the lease returns at once.
 */
public class EvaluateHandler extends MicronautRequestHandler<ScheduledEvent, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateHandler.class);

    @Inject
    EvaluationCycle cycle;

    public EvaluateHandler() {
        super();
    }

    public EvaluateHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public Void execute(ScheduledEvent event) {
        cycle.runOnce().ifPresentOrElse(
                report -> LOG.info("evaluated for {}: {}", event == null ? "a direct call" : event.getId(), report),
                () -> LOG.info("skipped: another evaluation holds the lease"));
        return null;
    }
}
