package dev.vigil.agent.logs;

import dev.vigil.agent.sample.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given a log file and what happens to it, when the agent's interval runs, then these counts and lines. */
class LogWatcherTest {

    @TempDir
    Path dir;

    LogWatcher watcher;

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private LogWatcher watch(String path, LogLimits limits, Path state) {
        watcher = new LogWatcher(List.of(new LogWatch("mysql-error", path, LogPresets.MYSQL, List.of(),
                List.of(java.util.regex.Pattern.compile("harmless")))), limits, state);
        return watcher;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double count(List<Sample> samples, String pattern) {
        return samples.stream().filter(s -> s.labels().get("pattern").equals(pattern)).findFirst().orElseThrow().value();
    }

    @Test
    void appendedLinesAreCountedAndOldLinesAreNot() throws IOException {
        Path log = dir.resolve("error.log");
        append(log, "2026-11-29 [ERROR] old error before the agent started\n");
        watch(log.toString(), LogLimits.defaults(), null);
        List<Sample> first = watcher.collect(1_000);
        assertEquals(0, count(first, "error"));
        assertEquals("critical", first.stream().filter(s -> s.labels().get("pattern").equals("disk-full"))
                .findFirst().orElseThrow().labels().get("severity"));

        append(log, "2026-11-29 [ERROR] mysqld: Disk is full writing './binlog.000042'\n"
                + "2026-11-29 [Note] all fine\n2026-11-29 [ERROR] Got error 5 harmless\n2026-11-29 [ERROR] Unknown\n"
                + "2026-11-29 [ERROR] unfinished");
        List<Sample> second = watcher.collect(2_000);
        assertEquals(1, count(second, "disk-full"));
        assertEquals(1, count(second, "error"), "the disk-full line counts once, the excluded line not at all");
        List<LogLine> lines = watcher.takeLines();
        assertEquals(List.of("disk-full", "error"), lines.stream().map(LogLine::pattern).toList());
        assertEquals("2026-11-29 [ERROR] mysqld: Disk is full writing './binlog.000042'", lines.get(0).line());
        assertEquals(2_000, lines.get(0).ts());

        append(log, " line\n");
        assertEquals(2, count(watcher.collect(3_000), "error"), "a line is read once its newline arrives");
    }

    @Test
    void rotationByRenameReadsTheOldFilesRestThenTheNewFile() throws IOException {
        Path log = dir.resolve("error.log");
        append(log, "start\n");
        watch(log.toString(), LogLimits.defaults(), null).collect(1_000);
        append(log, "[ERROR] written just before rotation\n");
        Files.move(log, dir.resolve("error.log.1"));
        append(log, "[ERROR] first line of the new file\n");
        List<Sample> samples = watcher.collect(2_000);
        assertEquals(2, count(samples, "error"));
        assertEquals(List.of("[ERROR] written just before rotation", "[ERROR] first line of the new file"),
                watcher.takeLines().stream().map(LogLine::line).toList());
        append(log, "[ERROR] again\n");
        assertEquals(3, count(watcher.collect(3_000), "error"));
    }

    @Test
    void copytruncateStartsAgainFromTheTop() throws IOException {
        Path log = dir.resolve("error.log");
        append(log, "a fairly long first line that makes the file bigger than what follows it\n");
        watch(log.toString(), LogLimits.defaults(), null).collect(1_000);
        append(log, "[ERROR] before the copy\n");
        Files.copy(log, dir.resolve("error.log.1"));
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(0);
        }
        append(log, "[ERROR] after\n");
        List<Sample> samples = watcher.collect(2_000);
        // the line written before the copy is in error.log.1, which copytruncate means we never follow
        assertEquals(1, count(samples, "error"));
        assertEquals("[ERROR] after", watcher.takeLines().get(0).line());
    }

    @Test
    void aOneGibFileAtFirstStartIsNotRead() throws IOException {
        Path log = dir.resolve("huge.log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: costs no disk
        }
        watch(log.toString(), LogLimits.defaults(), null);
        List<Sample> samples = watcher.collect(1_000);
        assertEquals(0, watcher.bytesRead());
        assertEquals(0, count(samples, "error"));
        append(log, "\n[ERROR] new\n");
        assertEquals(1, count(watcher.collect(2_000), "error"));
        assertEquals(13, watcher.bytesRead(), "only the appended bytes are read");
    }

    @Test
    void controlCharactersAndInvalidUtf8AreCleaned() throws IOException {
        Path log = dir.resolve("error.log");
        append(log, "");
        watch(log.toString(), LogLimits.defaults(), null).collect(1_000);
        byte[] line = {'[', 'E', 'R', 'R', 'O', 'R', ']', '\t', 'b', 'a', 'd', ' ', (byte) 0xC3, (byte) 0x28, ' ',
                0x1B, '[', '3', '1', 'm', 'r', 'e', 'd', 0x1B, '[', '0', 'm', 0x00, 0x07, ' ', '<', 'b', '>', '\r', '\n'};
        Files.write(log, line, StandardOpenOption.APPEND);
        watcher.collect(2_000);
        assertEquals("[ERROR] bad \uFFFD( red <b>", watcher.takeLines().get(0).line());
    }

    @Test
    void aLongLineIsCutAndItsRestSkipped() throws IOException {
        Path log = dir.resolve("error.log");
        append(log, "");
        watch(log.toString(), LogLimits.defaults(), null).collect(1_000);
        append(log, "[ERROR] " + "x".repeat(100_000) + "\n[ERROR] next\n");
        assertEquals(2, count(watcher.collect(2_000), "error"));
        List<LogLine> lines = watcher.takeLines();
        assertEquals(LogLimits.DEFAULT_MAX_LINE_CHARS, lines.get(0).line().length());
        assertTrue(lines.get(0).line().endsWith("…"));
        assertEquals("[ERROR] next", lines.get(1).line());
    }

    @Test
    void aFloodIsCappedPerIntervalAndCaughtUpLater() throws IOException {
        Path log = dir.resolve("error.log");
        append(log, "");
        LogLimits limits = new LogLimits(64 * 1024, 1_000, 200, 3, 5, 20);
        watch(log.toString(), limits, null).collect(1_000);
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            flood.append(String.format("[ERROR] flood line %05d\n", i)); // 25 bytes each
        }
        append(log, flood.toString());
        double afterFirst = count(watcher.collect(2_000), "error");
        assertEquals(1_000, afterFirst, "lines per interval capped");
        List<LogLine> lines = watcher.takeLines();
        assertEquals(3, lines.size(), "only the last few lines per pattern are sent");
        assertEquals("[ERROR] flood line 00999", lines.get(2).line());

        double total = afterFirst;
        for (int i = 0; i < 5; i++) {
            total = count(watcher.collect(3_000 + i), "error");
        }
        assertEquals(5_000, total, "later intervals catch up");
        assertTrue(watcher.droppedLines() > 0);

        // a follower at the top of the flood reads at most the byte budget per interval
        LogLimits byBytes = new LogLimits(25 * 100, 1_000, 200, 3, 5, 20);
        try (FileFollower follower = new FileFollower(log, byBytes, new FileFollower.Position(null, 0))) {
            List<String> seen = new java.util.ArrayList<>();
            assertEquals(2_500, follower.poll(seen::add));
            assertEquals(100, seen.size());
            assertEquals("[ERROR] flood line 00099", seen.get(99));
        }
    }

    @Test
    void aGlobPicksUpANewFileAndReadsItWhole() throws IOException {
        append(dir.resolve("a.log"), "[ERROR] old\n");
        watch(dir.resolve("*.log").toString(), LogLimits.defaults(), null).collect(1_000);
        append(dir.resolve("b.log"), "[ERROR] in a file that appeared later\n");
        append(dir.resolve("b.txt"), "[ERROR] not matched by the glob\n");
        assertEquals(1, count(watcher.collect(2_000), "error"));
        assertEquals("[ERROR] in a file that appeared later", watcher.takeLines().get(0).line());
    }

    @Test
    void aGlobThatAlsoMatchesTheRotatedFileDoesNotReadItTwice() throws IOException {
        Path log = dir.resolve("error.log");
        append(log, "start\n");
        watch(dir.resolve("error.log*").toString(), LogLimits.defaults(), null).collect(1_000);
        append(log, "[ERROR] before rotation\n");
        Files.move(log, dir.resolve("error.log.1"));
        append(log, "[ERROR] after rotation\n");
        assertEquals(2, count(watcher.collect(2_000), "error"));
        append(dir.resolve("error.log.1"), "[ERROR] late write to the rotated file\n");
        assertEquals(3, count(watcher.collect(3_000), "error"), "the rotated file is followed on from where it was left");
        assertEquals(List.of("[ERROR] before rotation", "[ERROR] after rotation", "[ERROR] late write to the rotated file"),
                watcher.takeLines().stream().map(LogLine::line).toList());
    }

    @Test
    void positionsAndTotalsSurviveARestart() throws IOException {
        Path log = dir.resolve("error.log");
        Path state = dir.resolve("spool").resolve(LogWatcher.STATE_FILE);
        append(log, "[ERROR] before\n");
        watch(log.toString(), LogLimits.defaults(), state).collect(1_000);
        append(log, "[ERROR] one\n");
        assertEquals(1, count(watcher.collect(2_000), "error"));
        watcher.close();
        append(log, "[ERROR] while the agent was stopped\n");
        watch(log.toString(), LogLimits.defaults(), state);
        assertEquals(2, count(watcher.collect(3_000), "error"), "resumed: the line written while stopped is counted, the total kept");
        assertFalse(watcher.takeLines().isEmpty());
    }

    @Test
    void theCounterCarriesLogPatternAndSeverity() {
        watch(dir.resolve("missing.log").toString(), LogLimits.defaults(), null);
        Sample s = watcher.collect(1_000).get(0);
        assertEquals(LogWatcher.METRIC, s.metric());
        assertEquals(Map.of("log", "mysql-error", "pattern", "disk-full", "severity", "critical"), s.labels());
    }
}
