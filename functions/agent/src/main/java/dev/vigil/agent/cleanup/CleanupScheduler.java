package dev.vigil.agent.cleanup;

import dev.vigil.agent.dirs.DeviceIds;
import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs cleanup policies on their own thread and schedule (every {@code every}), plus out of schedule when a
 * policy's emergency mount runs low on free space. Reports the last run of each policy as
 * cleanup_files_deleted{policy,dry_run} and cleanup_freed_bytes{policy,dry_run}; with dry_run="true" they are what a
 * real run would have deleted, so an operator can judge a policy before arming it. When and on which mount it ran goes
 * as cleanup_last_run_timestamp_seconds{policy,dry_run,mount}, so disk alerts can say "cleanup freed 12 GiB at 03:10".
 */
public final class CleanupScheduler implements SampleSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupScheduler.class);
    /** Free space is cheap to read; a minute is fast enough to act before a log storm fills a disk. */
    static final Duration EMERGENCY_CHECK_EVERY = Duration.ofMinutes(1);
    /** Let the agent settle (and post its first batches) before the first sweep. */
    static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

    private final List<CleanupPolicy> policies;
    private final DirectoryCleaner cleaner;
    private final Map<String, LastRun> lastRuns = new ConcurrentHashMap<>();
    private final Clock clock;

    private record LastRun(CleanupResult result, long at, String mount) {
    }
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-cleanup");
        t.setDaemon(true);
        return t;
    });

    public CleanupScheduler(List<CleanupPolicy> policies, Clock clock) {
        this.policies = List.copyOf(policies);
        this.cleaner = new DirectoryCleaner(clock);
        this.clock = clock;
    }

    public void start() {
        for (CleanupPolicy policy : policies) {
            long first = Math.min(policy.every().toMillis(), FIRST_RUN_AFTER.toMillis());
            executor.scheduleWithFixedDelay(() -> runNow(policy), first, policy.every().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (policies.stream().anyMatch(p -> p.emergency() != null)) {
            executor.scheduleWithFixedDelay(this::checkEmergencies, EMERGENCY_CHECK_EVERY.toMillis(),
                    EMERGENCY_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs one policy now on the caller's thread. */
    public CleanupResult runNow(CleanupPolicy policy) {
        try {
            CleanupResult result = cleaner.run(policy);
            lastRuns.put(policy.name(), new LastRun(result, clock.millis(), mountOf(policy)));
            return result;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cleanup {} failed: {}", policy.name(), e.toString());
            return new CleanupResult(policy.name(), policy.dryRun(), 0, 0);
        }
    }

    private static String mountOf(CleanupPolicy policy) {
        try {
            return DeviceIds.mountPointOf(policy.root()).toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs every policy whose emergency mount has less free space than its threshold. */
    public void checkEmergencies() {
        for (CleanupPolicy policy : policies) {
            EmergencyTrigger trigger = policy.emergency();
            if (trigger == null) {
                continue;
            }
            try {
                FileStore store = Files.getFileStore(trigger.mount());
                double freePercent = 100.0 * store.getUsableSpace() / store.getTotalSpace();
                if (freePercent < trigger.freeBelowPercent()) {
                    LOG.warn("Cleanup {}: only {}% free on {} (threshold {}%), running now",
                            policy.name(), String.format("%.1f", freePercent), trigger.mount(), trigger.freeBelowPercent());
                    runNow(policy);
                }
            } catch (IOException e) {
                LOG.warn("Cleanup {}: cannot read free space of {}: {}", policy.name(), trigger.mount(), e.toString());
            }
        }
    }

    @Override
    public List<Sample> collect(long ts) {
        List<Sample> out = new ArrayList<>();
        for (LastRun run : lastRuns.values()) {
            CleanupResult r = run.result();
            Map<String, String> labels = Map.of("policy", r.policy(), "dry_run", Boolean.toString(r.dryRun()));
            out.add(Sample.of("cleanup_files_deleted", labels, ts, r.filesDeleted()));
            out.add(Sample.of("cleanup_freed_bytes", labels, ts, r.bytesFreed()));
            if (run.mount() != null) {
                out.add(Sample.of("cleanup_last_run_timestamp_seconds",
                        Map.of("policy", r.policy(), "dry_run", Boolean.toString(r.dryRun()), "mount", run.mount()), ts, run.at() / 1000.0));
            }
        }
        return out;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
