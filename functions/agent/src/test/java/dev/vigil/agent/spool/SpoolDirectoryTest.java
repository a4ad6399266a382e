package dev.vigil.agent.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SpoolDirectoryTest {

    @TempDir
    Path dir;

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drainAll(SpoolDirectory spool) throws Exception {
        List<String> out = new ArrayList<>();
        while (true) {
            var next = spool.oldest();
            if (next.isEmpty()) {
                return out;
            }
            out.add(new String(next.get().body(), StandardCharsets.UTF_8));
            spool.remove(next.get().sequence());
        }
    }

    @Test
    void batchesComeOutOldestFirst() throws Exception {
        SpoolDirectory spool = new SpoolDirectory(new SpoolSettings(dir, 1 << 20));
        for (int i = 1; i <= 12; i++) {
            spool.append(body("batch-" + i));
        }
        assertEquals(12, spool.batchCount());
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            expected.add("batch-" + i);
        }
        assertEquals(expected, drainAll(spool), "numeric order, not lexical (batch-10 after batch-9)");
        assertEquals(0, spool.bytes());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.toString().endsWith(".batch")).count());
        }
    }

    @Test
    void whenFullTheOldestBatchesAreDroppedAndCounted() throws Exception {
        SpoolDirectory spool = new SpoolDirectory(new SpoolSettings(dir, 100));
        for (int i = 0; i < 10; i++) {
            spool.append(body(("b" + i).repeat(10))); // 20 bytes each
        }
        assertEquals(5, spool.batchCount());
        assertTrue(spool.bytes() <= 100);
        assertEquals(5, spool.droppedBatches());
        assertEquals(List.of("b5".repeat(10), "b6".repeat(10), "b7".repeat(10), "b8".repeat(10), "b9".repeat(10)), drainAll(spool));
    }

    @Test
    void aSingleBatchLargerThanTheBoundIsStillKept() throws Exception {
        SpoolDirectory spool = new SpoolDirectory(new SpoolSettings(dir, 10));
        spool.append(body("x".repeat(50)));
        assertEquals(1, spool.batchCount());
        assertEquals(0, spool.droppedBatches());
    }

    @Test
    void batchesAndTheDropCounterSurviveARestart() throws Exception {
        SpoolDirectory first = new SpoolDirectory(new SpoolSettings(dir, 60));
        for (int i = 0; i < 5; i++) {
            first.append(body("batch-" + i + "-xxxxxxxxxxx")); // 20 bytes
        }
        assertEquals(2, first.droppedBatches());
        Files.writeString(dir.resolve("00000000000000000099.tmp"), "half-written by a crash");

        SpoolDirectory second = new SpoolDirectory(new SpoolSettings(dir, 60));
        assertEquals(3, second.batchCount());
        assertEquals(2, second.droppedBatches());
        assertFalse(Files.exists(dir.resolve("00000000000000000099.tmp")), "leftover temp file removed");
        second.append(body("batch-5-xxxxxxxxxxx"));
        assertEquals(3, second.droppedBatches());
        assertEquals(List.of("batch-3-xxxxxxxxxxx", "batch-4-xxxxxxxxxxx", "batch-5-xxxxxxxxxxx"), drainAll(second),
                "new batches continue the sequence after the old ones");
    }
}
