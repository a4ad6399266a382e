package dev.vigil.notify;

import dev.vigil.core.alert.AlertEventsRecorded;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local schedule; Lambda uses {@link NotifyHandler} instead. A pass starts on the timer (every
 * 10 s, {@code vigil.notify.schedule.interval}), at once when evaluation in the same process recorded alert events
 * ({@link AlertEventsRecorded}), and when something the last pass held back (a group wait, a group
 * interval, a repeat) becomes due, so a flush is not late by up to a timer period. Passes run one at
 * a time on one thread; a request while one runs queues exactly one more.
 */
@Singleton
@Requires(property = "vigil.notify.schedule.enabled", value = "true")
public class NotifySchedule implements ApplicationEventListener<AlertEventsRecorded> {

    private static final Logger LOG = LoggerFactory.getLogger(NotifySchedule.class);
    /** A wake-up lands this long after the due time, so the pass does not find it a few ms early. */
    static final long WAKE_UP_MARGIN_MILLIS = 50;

    private final NotifyRun run;
    private final Clock clock;
    private final ScheduledExecutorService passes = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "notify-pass");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt = Long.MAX_VALUE;

    public NotifySchedule(NotifyRun run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${vigil.notify.schedule.interval:10s}", initialDelay = "${vigil.notify.schedule.interval:10s}")
    void tick() {
        requestPass();
    }

    /** Evaluation recorded events: start a pass now instead of at the next tick. */
    @Override
    public void onApplicationEvent(AlertEventsRecorded event) {
        requestPass();
    }

    /** Queues a pass unless one is already queued; never blocks the caller (the evaluation thread). */
    public void requestPass() {
        if (queued.compareAndSet(false, true)) {
            try {
                passes.execute(this::pass);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false);
            }
        }
    }

    private void pass() {
        queued.set(false);
        try {
            NotifyRun.Summary summary = run.runOnce();
            if (summary.plan() != null && summary.plan().nextDueAt() != null) {
                wakeUpAt(summary.plan().nextDueAt());
            }
        } catch (RuntimeException e) {
            LOG.error("notify run failed: {}", e.toString());
        }
    }

    /** Runs on the pass thread only. */
    private void wakeUpAt(long due) {
        long now = clock.millis();
        if (wakeUp != null && !wakeUp.isDone() && wakeUpAt <= due) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        wakeUpAt = due;
        wakeUp = passes.schedule(this::requestPass, Math.max(0, due - now) + WAKE_UP_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        passes.shutdownNow();
    }
}
