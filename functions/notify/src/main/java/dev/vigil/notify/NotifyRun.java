package dev.vigil.notify;

import dev.vigil.notify.meta.Watchdog;
import jakarta.inject.Inject;
import dev.vigil.core.evaluate.EvaluationStaleness;
import dev.vigil.core.job.JobNames;
import dev.vigil.core.job.JobRunRecorder;
import dev.vigil.core.lease.LeaseManager;
import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.meta.MetaAlerts;
import dev.vigil.notify.outbox.OutboxDispatcher;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.notify.render.MessageText;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One notify run: meta checks, planning (one planner at a time, under a lease) and delivery
 * (any number of runners at once, each outbox item claimed by exactly one). Recorded in job_runs.
 */
@Singleton
public class NotifyRun {

    public static final String JOB = JobNames.NOTIFY;
    static final String PLAN_LEASE = "notify-plan";
    /**
     * Planning usually takes well under a second; a crashed planner's lease frees itself after this.
     * A longer planning run (a big backlog, a slow database) renews it as it goes.
     */
    static final Duration PLAN_LEASE_TTL = Duration.ofMinutes(1);
    /** Renew once this much of the TTL has passed: two more renewal chances before it could expire. */
    static final Duration PLAN_LEASE_RENEW_AFTER = PLAN_LEASE_TTL.dividedBy(3);
    private static final Logger LOG = LoggerFactory.getLogger(NotifyRun.class);

    public record Summary(boolean planned, NotificationPlanner.PlanResult plan, OutboxDispatcher.DispatchResult delivery,
                          boolean evaluationStale) {
    }

    private final JobRunRecorder recorder;
    private final LeaseManager leases;
    private final NotificationPlanner planner;
    private final OutboxDispatcher dispatcher;
    private final EvaluationStaleness staleness;
    private final MetaAlerts metaAlerts;
    private final NotifyProperties properties;
    @Inject
    Watchdog watchdog;

    public NotifyRun(JobRunRecorder recorder, LeaseManager leases, NotificationPlanner planner, OutboxDispatcher dispatcher,
                     EvaluationStaleness staleness, MetaAlerts metaAlerts, NotifyProperties properties) {
        this.recorder = recorder;
        this.leases = leases;
        this.planner = planner;
        this.dispatcher = dispatcher;
        this.staleness = staleness;
        this.metaAlerts = metaAlerts;
        this.properties = properties;
    }

    public Summary runOnce() {
        return recorder.record(JOB, () -> {
            boolean stale = checkEvaluation();
            if (watchdog != null) {
                watchdog.keepFiring();
            }
            NotificationPlanner.PlanResult plan = null;
            Optional<LeaseManager.Lease> lease = leases.tryAcquire(PLAN_LEASE, PLAN_LEASE_TTL);
            if (lease.isPresent()) {
                try (LeaseManager.Lease held = lease.get()) {
                    plan = planner.plan(keepAlive(held));
                }
            }
            return new Summary(lease.isPresent(), plan, dispatcher.dispatch(), stale);
        });
    }

    /**
     * Asked by the planner between steps: renews the plan lease once a third of its TTL has passed and
     * says false once the lease was lost (it expired and another run took it), so the planner stops.
     */
    static BooleanSupplier keepAlive(LeaseManager.Lease lease) {
        return keepAlive(lease, PLAN_LEASE_RENEW_AFTER);
    }

    static BooleanSupplier keepAlive(LeaseManager.Lease lease, Duration renewAfter) {
        long[] renewedAt = {System.nanoTime()};
        boolean[] lost = {false};
        return () -> {
            if (lost[0]) {
                return false;
            }
            long now = System.nanoTime();
            if (now - renewedAt[0] < renewAfter.toNanos()) {
                return true;
            }
            if (lease.renew()) {
                renewedAt[0] = now;
                return true;
            }
            lost[0] = true;
            LOG.warn("lost the {} lease while planning; stopping and leaving the rest to its new holder", lease.name());
            return false;
        };
    }

    private boolean checkEvaluation() {
        if (!properties.isEvaluationStaleCheck()) {
            return false;
        }
        EvaluationStaleness.Status status = staleness.check();
        // Never succeeded yet is a fresh install, not an outage: only a run that stopped is alarming.
        if (status.stale() && status.lastSuccessAt() != null) {
            metaAlerts.raise(MetaAlerts.EVALUATION_STALE, Map.of(), "The last successful evaluation was " + status.age().toSeconds()
                    + "s ago (stale after " + status.staleAfter().toSeconds() + "s): alerts are not being evaluated.",
                    "last evaluation " + MessageText.duration(status.age().toMillis()) + " ago");
        } else if (!status.stale()) {
            metaAlerts.resolve(MetaAlerts.EVALUATION_STALE, Map.of(), "evaluation runs again");
        }
        return status.stale();
    }
}
