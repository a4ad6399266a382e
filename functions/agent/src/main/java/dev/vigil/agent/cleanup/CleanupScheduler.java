package dev.vigil.agent.cleanup;

import dev.vigil.agent.dirs.DeviceIds;
import dev.vigil.agent.probe.FileStoreReading;
import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    /** While a disk stays low the policy runs every minute, but the log says so on entry, on exit and hourly. */
    static final Duration EMERGENCY_REMINDER_EVERY = Duration.ofHours(1);

    /** Reads a mount's space; java.nio in production, numbers in tests. */
    @FunctionalInterface
    public interface DiskSpace {
        FileStoreReading read(Path mount) throws IOException;

        DiskSpace NIO = mount -> FileStoreReading.of(mount.toString(), Files.getFileStore(mount));
    }

    /** A policy whose mount is below its threshold: since when, and when the log last said so. */
    private record Emergency(Instant since, Instant lastLogged) {
    }

    private final List<CleanupPolicy> policies;
    private final DirectoryCleaner cleaner;
    private final DiskSpace diskSpace;
    private final Clock clock;
    private final Map<String, LastRun> lastRuns = new ConcurrentHashMap<>();

    private record LastRun(CleanupResult result, long at, String mount) {
    }
    private final Map<String, Emergency> emergencies = new ConcurrentHashMap<>();
    private final Set<String> unreadableMounts = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-cleanup");
        t.setDaemon(true);
        return t;
    });

    public CleanupScheduler(List<CleanupPolicy> policies, Clock clock) {
        this(policies, clock, DiskSpace.NIO);
    }

    public CleanupScheduler(List<CleanupPolicy> policies, Clock clock, DiskSpace diskSpace) {
        this.policies = List.copyOf(policies);
        this.cleaner = new DirectoryCleaner(clock);
        this.diskSpace = diskSpace;
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

    /**
     * Runs every policy whose emergency mount has less free space (df's way, {@link FileStoreReading#freePercent()})
     * than its threshold. Logs a warning when a mount enters that state, a reminder at most hourly while it stays,
     * and a note when it recovers; the runs in between are not logged one by one.
     */
    public void checkEmergencies() {
        for (CleanupPolicy policy : policies) {
            EmergencyTrigger trigger = policy.emergency();
            if (trigger == null) {
                continue;
            }
            double freePercent;
            try {
                freePercent = diskSpace.read(trigger.mount()).freePercent();
                unreadableMounts.remove(policy.name());
            } catch (IOException | RuntimeException e) {
                if (unreadableMounts.add(policy.name())) {
                    LOG.warn("Cleanup {}: cannot read free space of {}: {}", policy.name(), trigger.mount(), e.toString());
                }
                continue;
            }
            Instant now = clock.instant();
            Emergency emergency = emergencies.get(policy.name());
            String free = String.format(Locale.ROOT, "%.1f", freePercent);
            if (freePercent < trigger.freeBelowPercent()) {
                if (emergency == null) {
                    LOG.warn("Cleanup {}: only {}% free on {} (threshold {}%): emergency mode, running the policy every {} s"
                                    + " until the disk is above the threshold", policy.name(), free, trigger.mount(),
                            trigger.freeBelowPercent(), EMERGENCY_CHECK_EVERY.toSeconds());
                    emergencies.put(policy.name(), new Emergency(now, now));
                } else if (!now.isBefore(emergency.lastLogged().plus(EMERGENCY_REMINDER_EVERY))) {
                    LOG.warn("Cleanup {}: still only {}% free on {} (threshold {}%), in emergency mode for {} min",
                            policy.name(), free, trigger.mount(), trigger.freeBelowPercent(),
                            Duration.between(emergency.since(), now).toMinutes());
                    emergencies.put(policy.name(), new Emergency(emergency.since(), now));
                }
                runNow(policy);
            } else if (emergency != null) {
                emergencies.remove(policy.name());
                LOG.info("Cleanup {}: {}% free on {} again (threshold {}%): emergency mode over after {} min",
                        policy.name(), free, trigger.mount(), trigger.freeBelowPercent(),
                        Duration.between(emergency.since(), now).toMinutes());
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
