package dev.vigil.agent;

import java.util.logging.LogManager;

/**
 * JUL's own shutdown hook resets logging while the agent's hook is still flushing the spool, which would swallow
 * the last (most useful) log lines. This manager ignores that reset; the agent resets it after its final flush.
 */
public final class ShutdownSafeLogManager extends LogManager {

    private volatile boolean finished;

    @Override
    public void reset() {
        if (finished || !shuttingDown()) {
            super.reset();
        }
    }

    /** Called by the agent's shutdown hook once everything is logged. */
    static void finish() {
        if (LogManager.getLogManager() instanceof ShutdownSafeLogManager manager) {
            manager.finished = true;
            manager.reset();
        }
    }

    private static boolean shuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
