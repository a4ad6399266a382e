package dev.vigil.notify;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local schedule (every 10 s, contract section 6); Lambda uses {@link NotifyHandler} instead. */
@Singleton
@Requires(property = "vigil.notify.schedule.enabled", value = "true")
public class NotifySchedule {

    private static final Logger LOG = LoggerFactory.getLogger(NotifySchedule.class);
    private final NotifyRun run;

    public NotifySchedule(NotifyRun run) {
        this.run = run;
    }

    @Scheduled(fixedDelay = "${vigil.notify.schedule.interval:10s}", initialDelay = "${vigil.notify.schedule.interval:10s}")
    void tick() {
        try {
            run.runOnce();
        } catch (RuntimeException e) {
            LOG.error("notify run failed: {}", e.toString());
        }
    }
}
