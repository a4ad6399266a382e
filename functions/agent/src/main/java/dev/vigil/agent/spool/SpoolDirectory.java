package dev.vigil.agent.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Batches on disk, one file per batch named by a growing sequence number, so a restart or an ingest outage
 * loses nothing. Writes go to a temp file, are forced to disk and renamed into place, so a crash leaves either
 * the whole batch or none of it. The directory is bounded in bytes: when it is full the OLDEST batches go first
 * (recent data matters most while a host is in trouble), and the loss is counted in a file that survives restarts.
 */
public final class SpoolDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolDirectory.class);
    private static final String SUFFIX = ".batch";
    private static final String DROPPED_FILE = "dropped-batches";

    private final Path dir;
    private final long maxBytes;
    private final TreeMap<Long, Long> sizes = new TreeMap<>();
    private long totalBytes;
    private long nextSequence;
    private long droppedBatches;

    public SpoolDirectory(SpoolSettings settings) {
        this.dir = settings.dir();
        this.maxBytes = settings.maxBytes();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".tmp")) {
                        Files.deleteIfExists(file); // a write interrupted by a crash; never renamed, never counted
                    } else if (name.endsWith(SUFFIX)) {
                        long seq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                        long size = Files.size(file);
                        sizes.put(seq, size);
                        totalBytes += size;
                    }
                }
            }
            Path dropped = dir.resolve(DROPPED_FILE);
            if (Files.exists(dropped)) {
                droppedBatches = Long.parseLong(Files.readString(dropped).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open spool directory " + dir, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("spool directory " + dir + " holds a file that is not the agent's: " + e.getMessage());
        }
        nextSequence = sizes.isEmpty() ? 1 : sizes.lastKey() + 1;
    }

    public Path dir() {
        return dir;
    }

    /** Stores a batch durably, then drops the oldest batches while the spool is over its byte bound. */
    public synchronized long append(byte[] body) throws IOException {
        long seq = nextSequence++;
        Path tmp = dir.resolve(name(seq) + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(tmp, file(seq), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
        sizes.put(seq, (long) body.length);
        totalBytes += body.length;
        enforceBound();
        return seq;
    }

    /** The oldest batch still waiting, read from disk. */
    public synchronized Optional<SpooledBatch> oldest() throws IOException {
        while (!sizes.isEmpty()) {
            long seq = sizes.firstKey();
            try {
                return Optional.of(new SpooledBatch(seq, Files.readAllBytes(file(seq))));
            } catch (NoSuchFileException gone) {
                forget(seq); // removed behind our back; nothing to deliver
            }
        }
        return Optional.empty();
    }

    /** Called once a batch is delivered or rejected for good. */
    public synchronized void remove(long sequence) throws IOException {
        if (sizes.containsKey(sequence)) {
            Files.deleteIfExists(file(sequence));
            forget(sequence);
        }
    }

    public synchronized int batchCount() {
        return sizes.size();
    }

    public synchronized long bytes() {
        return totalBytes;
    }

    /** Batches thrown away because the spool was full, since the spool was first created. */
    public synchronized long droppedBatches() {
        return droppedBatches;
    }

    private void enforceBound() throws IOException {
        int dropped = 0;
        while (totalBytes > maxBytes && sizes.size() > 1) {
            long oldest = sizes.firstKey();
            Files.deleteIfExists(file(oldest));
            forget(oldest);
            dropped++;
        }
        if (dropped > 0) {
            droppedBatches += dropped;
            Path tmp = dir.resolve(DROPPED_FILE + ".tmp");
            Files.writeString(tmp, Long.toString(droppedBatches), StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve(DROPPED_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Spool {} is over {} bytes: dropped the {} oldest unsent batch(es), {} dropped in total",
                    dir, maxBytes, dropped, droppedBatches);
        }
    }

    private void forget(long seq) {
        Long size = sizes.remove(seq);
        if (size != null) {
            totalBytes -= size;
        }
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }

    private Path file(long seq) {
        return dir.resolve(name(seq) + SUFFIX);
    }

    private static String name(long seq) {
        return String.format("%020d", seq);
    }
}
