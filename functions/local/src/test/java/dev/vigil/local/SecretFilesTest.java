package dev.vigil.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two local apps started at once with one data directory end up with one admin token. */
class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void concurrentFirstStartsAgreeOnOneSecret() throws Exception {
        Path file = dir.resolve("admin-token");
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<String>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return SecretFiles.readOrCreate(file, () -> "secret-" + counter.incrementAndGet());
                }, pool));
            }
            go.countDown();
            Set<String> seen = new HashSet<>();
            for (CompletableFuture<String> read : reads) {
                seen.add(read.get());
            }
            assertEquals(Set.of(Files.readString(file).trim()), seen);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            try (var left = Files.list(dir)) {
                assertEquals(List.of(file), left.toList(), "no temporary files left");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anExistingSecretIsKept() throws Exception {
        Path file = dir.resolve("admin-token");
        SecretFiles.write(file, "kept");
        assertEquals("kept", SecretFiles.readOrCreate(file, () -> "new"));
    }
}
