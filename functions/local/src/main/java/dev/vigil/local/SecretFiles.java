package dev.vigil.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Secrets the local app keeps on disk (admin token, its agent's token): readable by the owner only. */
final class SecretFiles {

    private SecretFiles() {
    }

    static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Replaces the file's content atomically (readers see the old or the new secret, never a part). */
    static void write(Path file, String secret) {
        try {
            Path tmp = writeTemporary(file, secret);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The secret in the file, or a new one saved there when there is none. Two processes starting at once
     * with one data directory agree: only the first link succeeds, the other reads what it wrote.
     */
    static String readOrCreate(Path file, Supplier<String> newSecret) {
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path tmp = null;
        try {
            tmp = writeTemporary(file, newSecret.get());
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException lostTheRace) {
                // fall through: the twin's secret is the one
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return read(file).orElseThrow(() -> new IllegalStateException(file + " is empty"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless; the next start writes another
                }
            }
        }
    }

    /** A new owner-only file next to {@code file}, with a name no concurrent writer shares. */
    private static Path writeTemporary(Path file, String secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
        return tmp;
    }
}
