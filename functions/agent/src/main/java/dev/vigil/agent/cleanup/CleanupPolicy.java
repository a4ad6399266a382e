package dev.vigil.agent.cleanup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What may be deleted to keep a disk from filling: regular files under {@code root} matching
 * {@code globs} (relative to root), older than {@code olderThan}, except the {@code keepNewest} newest.
 * Dry-run is the default so that a new policy first shows what it would do.
 */
public record CleanupPolicy(String name, Path root, List<String> globs, Duration olderThan, int keepNewest,
                            boolean dryRun, Duration every, EmergencyTrigger emergency) {

    public static final Duration DEFAULT_EVERY = Duration.ofHours(1);

    /** Directories a policy may never be rooted at: deleting "old files" there breaks the host. */
    public static final Set<Path> SYSTEM_ROOTS = Set.of("/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64",
            "/proc", "/root", "/sbin", "/sys", "/usr", "/var").stream().map(Path::of).collect(java.util.stream.Collectors.toUnmodifiableSet());

    public CleanupPolicy {
        globs = List.copyOf(globs);
    }

    /** @return why this root is refused, or null when it is acceptable */
    public static String refusalOf(Path root) {
        if (!root.isAbsolute()) {
            return "must be an absolute path";
        }
        Path normal = root.normalize();
        if (SYSTEM_ROOTS.contains(normal)) {
            return "refusing to clean system directory " + normal + " as a whole; point at a subdirectory";
        }
        try {
            Path real = normal.toRealPath();
            if (SYSTEM_ROOTS.contains(real)) {
                return "refusing " + normal + ": it resolves to system directory " + real;
            }
        } catch (java.io.IOException missing) {
            // a root that does not exist yet is fine: the policy finds nothing until it does
        }
        return null;
    }
}
