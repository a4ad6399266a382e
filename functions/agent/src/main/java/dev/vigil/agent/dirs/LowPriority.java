package dev.vigil.agent.dirs;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the calling thread's CPU and I/O priority, like {@code nice -n 19 ionice -c3} for one thread. Java alone
 * cannot: Thread.setPriority is ignored by HotSpot on Linux unless the JVM runs with -XX:ThreadPriorityPolicy=1
 * as root. On Linux a thread is a task with its own id, and setpriority(2) and ioprio_set(2) accept that id, so
 * the scan thread runs at nice 19 in the idle I/O class (effective with the BFQ and CFQ I/O schedulers; with
 * "none" or mq-deadline the I/O class is accepted but not honoured) while the collector keeps its priority.
 * JNA is already on the class path for OSHI. Anywhere else this does nothing.
 */
final class LowPriority {

    private static final Logger LOG = LoggerFactory.getLogger(LowPriority.class);
    private static final int PRIO_PROCESS = 0;
    private static final int NICE_LOWEST = 19;
    private static final int IOPRIO_WHO_PROCESS = 1;
    private static final int IOPRIO_CLASS_IDLE = 3;
    private static final int IOPRIO_CLASS_SHIFT = 13;

    private interface CLib extends Library {
        long syscall(long number, Object... args);

        int setpriority(int which, int who, int prio);
    }

    private LowPriority() {
    }

    /** @return what was applied, for the log ("nice 19, idle I/O") or "unchanged" */
    static String applyToCurrentThread() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        if (!Platform.isLinux()) {
            return "unchanged (not Linux)";
        }
        long gettid;
        long ioprioSet;
        if (Platform.isIntel() && Platform.is64Bit()) {
            gettid = 186;
            ioprioSet = 251;
        } else if (Platform.isARM() && Platform.is64Bit()) {
            gettid = 178;
            ioprioSet = 30;
        } else {
            return "unchanged (no syscall numbers for this CPU)";
        }
        try {
            CLib c = Native.load("c", CLib.class);
            int tid = (int) c.syscall(gettid);
            StringBuilder done = new StringBuilder();
            if (c.setpriority(PRIO_PROCESS, tid, NICE_LOWEST) == 0) {
                done.append("nice ").append(NICE_LOWEST);
            }
            if (c.syscall(ioprioSet, IOPRIO_WHO_PROCESS, tid, IOPRIO_CLASS_IDLE << IOPRIO_CLASS_SHIFT) == 0) {
                done.append(done.isEmpty() ? "" : ", ").append("idle I/O class");
            }
            return done.isEmpty() ? "unchanged (refused)" : done.toString();
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("cannot lower the scan thread's priority: {}", e.toString());
            return "unchanged (" + e.getClass().getSimpleName() + ")";
        }
    }
}
