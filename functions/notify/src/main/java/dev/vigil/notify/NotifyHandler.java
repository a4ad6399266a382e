package dev.vigil.notify;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** AWS Lambda entry point for the scheduled (EventBridge) notify run. */
public class NotifyHandler extends MicronautRequestHandler<ScheduledEvent, Void> {

    @Inject
    NotifyRun run;

    @Override
    public Void execute(ScheduledEvent event) {
        run.runOnce();
        return null;
    }
}
