package dev.vigil.agent.dirs;

import java.nio.file.Path;

/** One directory and the bytes of the regular files under it (on the same file system, within the depth). */
public record DirSize(Path path, long bytes) {
}
