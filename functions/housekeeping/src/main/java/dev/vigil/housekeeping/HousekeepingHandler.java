package dev.vigil.housekeeping;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * Lambda entry point for the EventBridge schedules. The task comes from the event's
 * {@code detail.task} ("hourly" or "weekly-maintenance"), else from the rule's name in
 * {@code resources}; anything else runs the hourly task.
 */
public class HousekeepingHandler extends MicronautRequestHandler<ScheduledEvent, Void> {

    @Inject
    HousekeepingRun run;

    @Override
    public Void execute(ScheduledEvent event) {
        run.run(taskOf(event));
        return null;
    }

    static HousekeepingTask taskOf(ScheduledEvent event) {
        if (event == null) {
            return HousekeepingTask.HOURLY;
        }
        Map<String, Object> detail = event.getDetail();
        if (detail != null && detail.get("task") instanceof String task) {
            return HousekeepingTask.fromName(task);
        }
        List<String> resources = event.getResources();
        if (resources != null) {
            for (String resource : resources) {
                if (HousekeepingTask.fromName(resource) == HousekeepingTask.WEEKLY_MAINTENANCE) {
                    return HousekeepingTask.WEEKLY_MAINTENANCE;
                }
            }
        }
        return HousekeepingTask.HOURLY;
    }
}
