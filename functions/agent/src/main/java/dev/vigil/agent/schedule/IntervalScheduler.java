package dev.vigil.agent.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task on the ticks of an {@link AlignedTicker}, one run at a time. The next run is planned after the
 * previous one finishes, so a run that overruns its interval makes the scheduler skip ticks, never pile them up.
 */
public final class IntervalScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IntervalScheduler.class);

    private final AlignedTicker ticker;
    private final Clock clock;
    private final Runnable task;
    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean closed;

    public IntervalScheduler(String threadName, AlignedTicker ticker, Clock clock, Runnable task) {
        this.ticker = ticker;
        this.clock = clock;
        this.task = task;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // on close, the planned next tick is dropped instead of waited for
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public IntervalScheduler start() {
        planNext();
        return this;
    }

    private void planNext() {
        if (closed) {
            return;
        }
        long delay = Duration.between(clock.instant(), ticker.nextTickAfter(clock.instant())).toMillis();
        executor.schedule(this::runOnce, Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        long started = clock.millis();
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Scheduled run failed", e);
        }
        long took = clock.millis() - started;
        if (took > ticker.interval().toMillis()) {
            LOG.warn("A run took {} ms, longer than the {} s interval; skipping the ticks it overran",
                    took, ticker.interval().toSeconds());
        }
        planNext();
    }

    /** Stops planning runs and waits briefly for the one in progress. */
    @Override
    public void close() {
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
