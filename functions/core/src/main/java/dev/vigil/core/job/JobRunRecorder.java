package dev.vigil.core.job;

import dev.vigil.core.selfmetrics.SelfMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs a job body and records its outcome in job_runs, so staleness checks and operators can see it. */
@Singleton
public class JobRunRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunRecorder.class);

    private final JobRunRepository runs;
    private final Clock clock;
    @Inject
    Provider<SelfMetrics> selfMetrics;

    public JobRunRecorder(JobRunRepository runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** Runs {@code body}; its result's {@code toString()} becomes the run's details. Failures are recorded and rethrown. */
    public <T> T record(String job, Supplier<T> body) {
        long started = clock.millis();
        try {
            T result = body.get();
            runs.save(new JobRun(null, job, started, clock.millis(), true, result == null ? null : truncate(result.toString())));
            ranSelfMetrics(job, started, true);
            return result;
        } catch (RuntimeException e) {
            LOG.error("{} run failed: {}", job, e.toString());
            runs.save(new JobRun(null, job, started, clock.millis(), false, truncate(e.toString())));
            ranSelfMetrics(job, started, false);
            throw e;
        }
    }

    /** A run's duration counts among Vigil's own figures; the end of a run is also where Lambda functions flush them. */
    private void ranSelfMetrics(String job, long started, boolean ok) {
        if (selfMetrics != null) {
            selfMetrics.get().jobRan(job, clock.millis() - started, ok);
            selfMetrics.get().flushIfDue();
        }
    }

    public Optional<Long> lastSuccessAt(String job) {
        return runs.findFirstByJobAndOkOrderByFinishedAtDesc(job, true).map(JobRun::finishedAt);
    }

    private static String truncate(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) : s;
    }
}
