package dev.vigil.agent.dirs;

import dev.vigil.agent.config.NameFilter;
import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LargestDirsSchedulerTest {

    @TempDir
    Path root;

    @Test
    void aScannedRootIsSentUnderItsMountUntilTheNextScan() throws Exception {
        Files.createDirectories(root.resolve("logs"));
        Files.write(root.resolve("logs/app.log"), new byte[4096]);
        Files.createDirectories(root.resolve("cache"));
        Files.write(root.resolve("cache/x"), new byte[1024]);
        try (LargestDirsScheduler s = new LargestDirsScheduler(LargestDirsSettings.defaults(List.of(root)), NameFilter.all(),
                Clock.systemUTC())) {
            assertEquals(List.of(), s.collect(1));
            s.scanRoots();
            String mount = DeviceIds.mountPointOf(root).toString();
            List<Sample> samples = s.collect(5);
            assertTrue(samples.contains(Sample.of("disk_dir_size_bytes", Map.of("mount", mount, "path", root.resolve("logs").toString()), 5, 4096)),
                    samples.toString());
            assertTrue(samples.contains(Sample.of("disk_dir_size_bytes", Map.of("mount", mount, "path", root.resolve("cache").toString()), 5, 1024)));
            assertTrue(samples.contains(Sample.of("disk_dir_scan_complete", Map.of("mount", mount, "root", root.toString()), 5, 1)));
            assertEquals(samples.size(), s.collect(6).size(), "kept for the next batches");
        }
    }

    @Test
    void theScanThreadAsksForLowPriority() {
        String applied = LowPriority.applyToCurrentThread();
        // on Linux x86_64/aarch64 both succeed for a thread lowering itself; anywhere else it says why not
        assertTrue(applied.contains("nice 19") || applied.startsWith("unchanged ("), applied);
    }
}
