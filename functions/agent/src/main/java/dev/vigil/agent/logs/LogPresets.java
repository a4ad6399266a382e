package dev.vigil.agent.logs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shipped patterns, used only when a {@code logs:} entry names a file and says {@code preset: mysql} or
 * {@code preset: kernel}. Its own {@code patterns:} are added after them (a pattern of the same name
 * replaces the preset's).
 */
public final class LogPresets {

    /** MySQL 8 / MariaDB error log. */
    public static final List<LogPattern> MYSQL = List.of(
            LogPattern.of("disk-full", "Disk (is )?full|No space left on device|errno: ?28|Errcode: ?28", LogPattern.CRITICAL),
            LogPattern.of("out-of-memory", "Out of memory|Cannot allocate memory|OOM|failed to allocate|mmap\\(.*\\) failed", LogPattern.CRITICAL),
            LogPattern.of("innodb-corruption", "(?i)corrupt|InnoDB: Database page corruption|checksum mismatch|Assertion failure", LogPattern.CRITICAL),
            LogPattern.of("crash-recovery", "(?i)crash recovery|Starting crash recovery|mysqld got signal|mariadbd got signal|was not shut down normally", LogPattern.CRITICAL),
            LogPattern.of("too-many-connections", "Too many connections|max_connections", LogPattern.WARNING),
            LogPattern.of("error", "\\[ERROR]", LogPattern.WARNING));

    /** syslog, kern.log or journal text. */
    public static final List<LogPattern> KERNEL = List.of(
            LogPattern.of("oom-killer", "invoked oom-killer|Out of memory: Kill(ed)? process|oom_reaper|Memory cgroup out of memory", LogPattern.CRITICAL),
            LogPattern.of("io-error", "(?i)I/O error|Buffer I/O error|blk_update_request|EXT4-fs error|XFS .*(error|corruption)|critical medium error|end_request: I/O error", LogPattern.CRITICAL),
            LogPattern.of("read-only-remount", "(?i)remounting filesystem read-only|Remounting filesystem read-only", LogPattern.CRITICAL),
            LogPattern.of("hung-task", "blocked for more than \\d+ seconds|hung_task", LogPattern.WARNING));

    private static final Map<String, List<LogPattern>> BY_NAME = new TreeMap<>(Map.of("mysql", MYSQL, "kernel", KERNEL));

    private LogPresets() {
    }

    /** The preset's patterns, or null when there is no preset of that name. */
    public static List<LogPattern> named(String name) {
        return BY_NAME.get(name);
    }

    public static String known() {
        return String.join(", ", BY_NAME.keySet());
    }
}
