package dev.vigil.notify;

import dev.vigil.core.job.JobRunRecorder;
import dev.vigil.core.lease.LeaseManager;
import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.dispatch.NotificationPlanner;
import dev.vigil.notify.meta.EvaluationStaleness;
import dev.vigil.notify.meta.MetaAlerts;
import dev.vigil.notify.outbox.OutboxDispatcher;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * One notify run: meta checks, planning (one planner at a time, under a lease) and delivery
 * (any number of runners at once, each outbox item claimed by exactly one). Recorded in job_runs.
 */
@Singleton
public class NotifyRun {

    public static final String JOB = "notify";
    static final String PLAN_LEASE = "notify-plan";
    /** Planning takes well under a second; a crashed planner's lease frees itself after this. */
    static final Duration PLAN_LEASE_TTL = Duration.ofMinutes(1);

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
            NotificationPlanner.PlanResult plan = null;
            Optional<LeaseManager.Lease> lease = leases.tryAcquire(PLAN_LEASE, PLAN_LEASE_TTL);
            if (lease.isPresent()) {
                try (LeaseManager.Lease ignored = lease.get()) {
                    plan = planner.plan();
                }
            }
            return new Summary(lease.isPresent(), plan, dispatcher.dispatch(), stale);
        });
    }

    private boolean checkEvaluation() {
        if (!properties.isEvaluationStaleCheck()) {
            return false;
        }
        EvaluationStaleness.Status status = staleness.check();
        // Never succeeded yet is a fresh install, not an outage: only a run that stopped is alarming.
        if (status.stale() && status.lastSuccessAt() != null) {
            metaAlerts.raise(MetaAlerts.EVALUATION_STALE, "{}", "The last successful evaluation was " + status.age().toSeconds()
                    + "s ago (stale after " + status.staleAfter().toSeconds() + "s): alerts are not being evaluated.");
        } else if (!status.stale()) {
            metaAlerts.resolve(MetaAlerts.EVALUATION_STALE, "{}");
        }
        return status.stale();
    }
}
