package dev.vigil.local;

import dev.vigil.housekeeping.HousekeepingRun;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping on the local schedules: hourly (first run a minute after start, so
 * partitions and the database report exist early), and table maintenance on Sundays at 03:00.
 */
@Singleton
@Requires(env = LocalApplication.ENVIRONMENT)
@Requires(property = "vigil.housekeeping.schedule.enabled", notEquals = "false")
public class LocalHousekeepingSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHousekeepingSchedule.class);

    private final HousekeepingRun run;

    public LocalHousekeepingSchedule(HousekeepingRun run) {
        this.run = run;
    }

    @Scheduled(initialDelay = "${vigil.housekeeping.schedule.first-run-after:1m}", fixedDelay = "${vigil.housekeeping.schedule.interval:1h}")
    void hourly() {
        try {
            run.hourly();
        } catch (RuntimeException e) {
            LOG.error("housekeeping failed; the next run retries: {}", e.toString());
        }
    }

    @Scheduled(cron = "${vigil.housekeeping.schedule.maintenance-cron:0 0 3 * * SUN}")
    void weeklyMaintenance() {
        try {
            run.weeklyMaintenance();
        } catch (RuntimeException e) {
            LOG.error("table maintenance failed; it runs again next week: {}", e.toString());
        }
    }
}
