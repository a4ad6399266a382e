package dev.vigil.agent.dirs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code largest-dirs:} in agent.yml: which directories fill a disk. Roots are scanned every {@code every}; a
 * mount whose use passes {@code whenUsedAbove} percent is scanned at once, then not more often than {@code every}.
 *
 * @param roots         scanned every period (may be empty: then only full mounts are scanned)
 * @param top           how many directories are reported per scanned root
 * @param whenUsedAbove disk use in percent from which a mount is scanned unasked; null: never
 * @param budget        the longest one scan may take; it then reports what it measured so far
 * @param maxDepth      directory levels below a root that are read; deeper content is not counted
 */
public record LargestDirsSettings(List<Path> roots, int top, Duration every, Double whenUsedAbove, Duration budget,
                                  int maxDepth) {

    public static final int DEFAULT_TOP = 10;
    /** A full scan reads every inode of the file system: hourly keeps that cost small against the help it gives. */
    public static final Duration DEFAULT_EVERY = Duration.ofHours(1);
    /** DiskSpaceLow's warning level: the explanation is ready when the alert fires. */
    public static final double DEFAULT_WHEN_USED_ABOVE = 80;
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
    /** Deep enough for /var/lib/mysql/binlog or /srv/app/releases/x/logs under / ; deeper trees stop paying. */
    public static final int DEFAULT_MAX_DEPTH = 8;

    public LargestDirsSettings {
        roots = roots == null ? List.of() : List.copyOf(roots);
        every = every == null ? DEFAULT_EVERY : every;
        budget = budget == null ? DEFAULT_BUDGET : budget;
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("max-depth must be at least 1");
        }
        if (whenUsedAbove != null && (whenUsedAbove <= 0 || whenUsedAbove >= 100)) {
            throw new IllegalArgumentException("when-used-above must be a percentage between 0 and 100");
        }
    }

    public static LargestDirsSettings defaults(List<Path> roots) {
        return new LargestDirsSettings(roots, DEFAULT_TOP, DEFAULT_EVERY, DEFAULT_WHEN_USED_ABOVE, DEFAULT_BUDGET,
                DEFAULT_MAX_DEPTH);
    }
}
