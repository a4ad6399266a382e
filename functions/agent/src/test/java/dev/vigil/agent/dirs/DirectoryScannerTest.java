package dev.vigil.agent.dirs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** A generated tree: nested folders, a symlink loop, an unreadable folder, another file system mounted inside. */
class DirectoryScannerTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private static void file(Path p, int bytes) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
    }

    private static Map<String, Long> sizes(ScanResult r, Path root) {
        return r.largest().stream().collect(Collectors.toMap(d -> root.relativize(d.path()).toString(), DirSize::bytes));
    }

    @Test
    void namesWhereTheBytesAreNotThePathToThem() throws IOException {
        file(root.resolve("var/lib/mysql/binlog/b.000001"), 40_000);
        file(root.resolve("var/lib/mysql/binlog/b.000002"), 30_000);
        file(root.resolve("var/lib/mysql/data/t.ibd"), 20_000);
        file(root.resolve("var/log/syslog"), 6_000);
        file(root.resolve("var/log/old/syslog.1"), 500);
        file(root.resolve("etc/hosts"), 100);
        Files.createSymbolicLink(root.resolve("var/lib/loop"), root.resolve("var")); // a loop, never followed
        Files.createSymbolicLink(root.resolve("var/log/big-link"), root.resolve("var/lib/mysql/binlog/b.000001"));

        ScanResult r = new DirectoryScanner().scan(root, "/", 10, 8, BUDGET, 7);
        Map<String, Long> s = sizes(r, root);
        assertEquals(70_000L, s.get("var/lib/mysql/binlog"));
        assertEquals(90_000L, s.get("var/lib/mysql"));
        assertEquals(6_500L, s.get("var/log"), "the symlink to a big file counts nothing");
        // /var/lib (all of it is /var/lib/mysql) says nothing new; neither does /var (96.5% is /var/lib)
        assertFalse(s.containsKey("var/lib") || s.containsKey("var"), s.toString());
        assertEquals("var/lib/mysql", root.relativize(r.largest().get(0).path()).toString(), "biggest first");
        assertTrue(r.complete());
        assertEquals(0, r.skipped());
        assertEquals(6, r.files());
    }

    @Test
    void topAndDepthBoundTheAnswer() throws IOException {
        for (int i = 1; i <= 5; i++) {
            file(root.resolve("d" + i + "/f"), i * 1000);
            file(root.resolve("d" + i + "/e"), i * 1000);
        }
        file(root.resolve("deep/a/b/c/d/huge"), 1_000_000);
        ScanResult r = new DirectoryScanner().scan(root, "/", 3, 2, BUDGET, 7);
        assertEquals(List.of("d5", "d4", "d3"), r.largest().stream().map(d -> root.relativize(d.path()).toString()).toList(),
                "top 3; the file below depth 2 is not counted");
    }

    @Test
    void anUnreadableFolderIsSkippedAndCounted() throws IOException {
        // the tests run as root, which reads every folder whatever its mode, so the opener refuses one folder the way
        // the kernel refuses an unprivileged agent (AccessDeniedException from opendir), on the scanner's own path
        file(root.resolve("open/a"), 1000);
        file(root.resolve("secret/b"), 5000);
        file(root.resolve("gone/c"), 5000);
        DirectoryOpener refusing = dir -> {
            if (dir.endsWith("secret")) {
                throw new AccessDeniedException(dir.toString());
            }
            if (dir.endsWith("gone")) {
                // removed between listing its parent and opening it, as a log rotation does
                Files.delete(dir.resolve("c"));
                Files.delete(dir);
            }
            return Files.newDirectoryStream(dir);
        };
        ScanResult r = new DirectoryScanner(refusing, System::nanoTime).scan(root, "/", 10, 8, BUDGET, 7);
        assertEquals(2, r.skipped());
        assertEquals(Map.of("open", 1000L), sizes(r, root));
        assertTrue(r.complete());
    }

    @Test
    void theBudgetStopsTheScanWithWhatItHas() throws IOException {
        for (int i = 0; i < 600; i++) {
            file(root.resolve("d" + (i % 3) + "/f" + i), 10);
        }
        AtomicLong now = new AtomicLong();
        // every clock read advances a second: the budget of 30 s runs out after 30 checks
        DirectoryScanner scanner = new DirectoryScanner(DirectoryOpener.FILES, () -> now.addAndGet(TimeUnit.SECONDS.toNanos(1)));
        ScanResult r = scanner.scan(root, "/", 10, 8, Duration.ofSeconds(1), 7);
        assertFalse(r.complete());
        assertTrue(r.files() < 600, "stopped early: " + r.files());
    }

    @Test
    void anotherFileSystemInsideTheRootIsNotEntered() throws Exception {
        file(root.resolve("here/a"), 1000);
        Path other = Files.createDirectories(root.resolve("mnt"));
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", other.toString()) == 0;
        try {
            if (mounted) {
                file(other.resolve("x/big"), 100_000);
                assertNotEquals(DeviceIds.of(root), DeviceIds.of(other));
                assertEquals(other, DeviceIds.mountPointOf(other.resolve("x")));
                ScanResult r = new DirectoryScanner().scan(root, "/", 10, 8, BUDGET, 7);
                assertEquals(Map.of("here", 1000L), sizes(r, root), "the tmpfs below the root is not counted");
            } else {
                // without the right to mount: /dev/shm is its own tmpfs below /dev on Linux
                Path dev = Path.of("/dev");
                assertNotEquals(DeviceIds.of(dev), DeviceIds.of(Path.of("/dev/shm")));
                ScanResult r = new DirectoryScanner().scan(dev, "/dev", 50, 2, BUDGET, 7);
                assertTrue(r.largest().stream().noneMatch(d -> d.path().startsWith("/dev/shm")), r.toString());
            }
        } finally {
            if (mounted) {
                assertEquals(0, run("umount", other.toString()));
            }
        }
    }

    private static int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
