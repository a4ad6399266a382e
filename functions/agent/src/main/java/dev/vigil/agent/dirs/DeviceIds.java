package dev.vigil.agent.dirs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The file system a path lives on: st_dev through the JDK's "unix" attribute view (an lstat, cheap), else the
 * FileStore where that view does not exist. Equal values mean the same file system, as in {@code du -x}.
 */
public final class DeviceIds {

    private static final boolean UNIX_VIEW = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
            .contains("unix");

    private DeviceIds() {
    }

    public static Object of(Path path) throws IOException {
        if (UNIX_VIEW) {
            return Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        }
        return Files.getFileStore(path);
    }

    /** The mount point of path: the highest ancestor on the same file system. */
    public static Path mountPointOf(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        Object dev = of(p);
        while (p.getParent() != null && dev.equals(of(p.getParent()))) {
            p = p.getParent();
        }
        return p;
    }
}
