package dev.vigil.agent.dirs;

import java.nio.file.Path;
import java.util.List;

/**
 * What one scan of a root found.
 *
 * @param mount     the mount point the root lives on (the label of the agent's disk_* samples)
 * @param largest   the largest directories, biggest first
 * @param skipped   entries that could not be read (permission, vanished while scanning)
 * @param complete  false when the time budget ran out: the figures are lower bounds
 */
public record ScanResult(Path root, String mount, List<DirSize> largest, long files, long directories, long skipped,
                         boolean complete, long millis, long finishedAt) {
}
