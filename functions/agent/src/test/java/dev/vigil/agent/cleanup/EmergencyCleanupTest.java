package dev.vigil.agent.cleanup;

import dev.vigil.agent.LogCapture;
import dev.vigil.agent.probe.FileStoreReading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A disk that stays low: the policy runs every minute, the log speaks on entry, hourly, and on recovery. */
class EmergencyCleanupTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path root;

    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.of(CleanupScheduler.class);
    }

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void aDiskThatStaysLowLogsOnEntryHourlyAndOnRecoveryWhileThePolicyRunsEveryMinute() throws Exception {
        MovingClock clock = new MovingClock(Instant.parse("2026-11-29T10:00:00Z"));
        // 100 GiB disk, 5 GiB reserved for root: 3 GiB available to users, so df says 92 used of 95 -> 96.8% used
        FileStoreReading[] disk = {new FileStoreReading("/data", "ext4", 100 * GIB, 8 * GIB, 3 * GIB, 0, 0)};
        CleanupPolicy policy = new CleanupPolicy("logs", root, List.of("*.log"), Duration.ofDays(7), 0, false,
                Duration.ofHours(1), new EmergencyTrigger(Path.of("/data"), 5));
        CleanupScheduler scheduler = new CleanupScheduler(List.of(policy), clock, mount -> disk[0]);
        try {
            for (int minute = 0; minute < 150; minute++) {
                scheduler.checkEmergencies();
                clock.advance(Duration.ofMinutes(1));
            }
            assertEquals(List.of("WARNING", "WARNING", "WARNING"), levels(),
                    "entering, and a reminder after one and two hours: " + messages());
            assertTrue(messages().get(0).contains("only 3.2% free on /data"), messages().get(0));
            assertTrue(messages().get(1).contains("in emergency mode for 60 min"), messages().get(1));

            disk[0] = new FileStoreReading("/data", "ext4", 100 * GIB, 30 * GIB, 25 * GIB, 0, 0);
            scheduler.checkEmergencies();
            scheduler.checkEmergencies();
            assertEquals(List.of("WARNING", "WARNING", "WARNING", "INFO"), levels(), messages().toString());
            assertTrue(messages().get(3).contains("emergency mode over after 150 min"), messages().get(3));
        } finally {
            scheduler.close();
        }
    }

    @Test
    void theFreeShareIsTheComplementOfDiskUsedPercentAsDfComputesIt() throws Exception {
        // df: Use% = used / (used + avail); reserved blocks count neither way
        FileStoreReading reading = new FileStoreReading("/data", "ext4", 100 * GIB, 8 * GIB, 3 * GIB, 0, 0);
        assertEquals(92.0 / 95.0 * 100, reading.usedPercent(), 1e-9);
        assertEquals(100 - reading.usedPercent(), reading.freePercent(), 1e-9);

        Path file = Files.writeString(root.resolve("a.log"), "x");
        FileStoreReading nio = CleanupScheduler.DiskSpace.NIO.read(file.getParent());
        assertTrue(nio.totalBytes() > 0 && nio.usedPercent() >= 0 && nio.usedPercent() <= 100, nio.toString());
    }

    private List<String> levels() {
        return log.levels();
    }

    private List<String> messages() {
        return log.messages();
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
