package dev.vigil.agent;

import dev.vigil.agent.check.CommandChecks;
import dev.vigil.agent.cleanup.CleanupScheduler;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.logs.LogLimits;
import dev.vigil.agent.logs.LogWatcher;
import dev.vigil.agent.dirs.LargestDirsScheduler;
import dev.vigil.agent.mysql.MysqlProbe;
import dev.vigil.agent.mysql.MysqlUpkeep;
import dev.vigil.agent.sample.SampleSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional parts configured beside the host probe: MySQL probe and upkeep, custom checks, cleanup policies,
 * largest-directories scans.
 */
final class AgentParts implements AutoCloseable {

    private final List<SampleSource> sources;
    private final List<AutoCloseable> closeables;
    private final List<Runnable> starters;
    private final LogWatcher logs;

    private AgentParts(List<SampleSource> sources, List<AutoCloseable> closeables, List<Runnable> starters, LogWatcher logs) {
        this.sources = sources;
        this.closeables = closeables;
        this.starters = starters;
        this.logs = logs;
    }

    /** @param withCleanup false for --once/--dry-run: a diagnostic run must not delete files, rebuild tables or scan disks */
    static AgentParts create(AgentConfig config, Clock clock, boolean withCleanup) {
        List<SampleSource> sources = new ArrayList<>();
        List<AutoCloseable> closeables = new ArrayList<>();
        List<Runnable> starters = new ArrayList<>();
        if (config.mysql() != null) {
            sources.add(new MysqlProbe(config.mysql()));
            if (withCleanup && config.mysql().upkeep() != null) {
                MysqlUpkeep upkeep = new MysqlUpkeep(config.mysql(), clock);
                sources.add(upkeep);
                closeables.add(upkeep);
                starters.add(upkeep::start);
            }
        }
        if (withCleanup && config.largestDirs() != null) {
            LargestDirsScheduler dirs = new LargestDirsScheduler(config.largestDirs(), config.mounts(), clock);
            sources.add(dirs);
            closeables.add(dirs);
            starters.add(dirs::start);
        }
        if (!config.checks().isEmpty()) {
            sources.add(new CommandChecks(config.checks()));
        }
        if (withCleanup && !config.cleanup().isEmpty()) {
            CleanupScheduler cleanup = new CleanupScheduler(config.cleanup(), clock);
            sources.add(cleanup);
            closeables.add(cleanup);
            starters.add(cleanup::start);
        }
        LogWatcher logs = null;
        if (!config.logs().isEmpty()) {
            // positions live beside the spool: the agent's one state directory (a --once run keeps them in memory)
            logs = new LogWatcher(config.logs(), LogLimits.defaults(),
                    withCleanup ? config.spool().dir().resolve(LogWatcher.STATE_FILE) : null);
            sources.add(logs);
            closeables.add(logs);
        }
        return new AgentParts(sources, closeables, starters, logs);
    }

    static AgentParts create(AgentConfig config, Clock clock) {
        return create(config, clock, true);
    }

    /** The log watcher, or null when no {@code logs:} are configured. */
    LogWatcher logs() {
        return logs;
    }

    List<SampleSource> sources() {
        return sources;
    }

    void start() {
        starters.forEach(Runnable::run);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }
}
