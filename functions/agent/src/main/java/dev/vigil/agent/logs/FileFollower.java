package dev.vigil.agent.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follows one path like {@code tail -F}: keeps the file open between polls, notices rotation by rename
 * (the path now names another file: the old one is read to its end first, then the new one from its
 * start) and copytruncate (the file shrank below the read position: read again from the start), and
 * reads at most a byte and line budget per poll, so a flood is spread over later polls instead of
 * costing memory. Lines are handed over cleaned ({@link LineText}); a line longer than the read limit
 * is cut and its rest skipped.
 */
final class FileFollower implements Closeable {

    /** Bytes of one line kept for matching; the rest of a longer line is skipped. */
    static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int CHUNK = 64 * 1024;

    /** Where a file was left: its identity (inode and device on Linux) and the byte offset of the next unread line. */
    record Position(String fileKey, long offset) {
    }

    private final Path path;
    private final LogLimits limits;
    private FileChannel channel;
    private String fileKey;
    private long offset;
    private boolean skippingLongLine;
    private long bytesRead;
    private Position rotatedAway;

    /**
     * @param start where to begin: null for first sight (the end of the file: no flood of old lines),
     *              a saved position (used when it still names the same file), or offset 0 for a file that
     *              appeared while the agent was watching (all of it is new)
     */
    FileFollower(Path path, LogLimits limits, Position start) throws IOException {
        this.path = path;
        this.limits = limits;
        open(start);
    }

    private void open(Position start) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        fileKey = keyOf(Files.readAttributes(path, BasicFileAttributes.class));
        long size = channel.size();
        if (start == null) {
            offset = size;
        } else if (start.fileKey() == null || start.fileKey().equals(fileKey)) {
            offset = start.offset() <= size ? start.offset() : 0; // shrank while we were away: copytruncate
        } else {
            offset = 0; // rotated while the agent was away: everything in the new file is new
        }
        skippingLongLine = false;
    }

    Position position() {
        return new Position(fileKey, offset);
    }

    /**
     * The file this follower read to its end before following its path's new file, once: a glob that also
     * matches the renamed file (error.log.1) must start it there, not read it again.
     */
    Position takeRotatedAway() {
        Position p = rotatedAway;
        rotatedAway = null;
        return p;
    }

    /** Total bytes read from disk by this follower (tests assert a large file is not read). */
    long bytesRead() {
        return bytesRead;
    }

    /**
     * Reads what was appended since the last poll, within the budget, handing each complete line to
     * {@code lines}. @return the bytes read in this poll
     */
    long poll(Consumer<String> lines) throws IOException {
        Budget budget = new Budget(limits.bytesPerFile(), limits.linesPerFile());
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException renamedAway) {
            now = null; // between the rename and the new file's creation: finish the old file
        }
        if (now != null && !Objects.equals(keyOf(now), fileKey)) {
            readAvailable(lines, budget);
            if (budget.exhausted()) {
                return budget.used(); // the old file's rest first; the new one waits for the next poll
            }
            channel.close();
            rotatedAway = new Position(fileKey, offset);
            open(new Position(null, 0));
        } else if (channel.size() < offset) {
            offset = 0; // copytruncate
            skippingLongLine = false;
        }
        readAvailable(lines, budget);
        return budget.used();
    }

    private void readAvailable(Consumer<String> lines, Budget budget) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, budget.bytesLeft())));
        byte[] carry = new byte[0];
        while (!budget.exhausted()) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), budget.bytesLeft()));
            int n = channel.read(buffer, offset + carry.length);
            if (n <= 0) {
                return; // an unfinished last line stays unread until its newline arrives
            }
            bytesRead += n;
            budget.read(n);
            byte[] data = new byte[carry.length + n];
            System.arraycopy(carry, 0, data, 0, carry.length);
            System.arraycopy(buffer.array(), 0, data, carry.length, n);
            int lineStart = 0;
            for (int i = 0; i < data.length && !budget.linesExhausted(); i++) {
                if (data[i] == '\n') {
                    emit(data, lineStart, i, lines, budget);
                    lineStart = i + 1;
                }
            }
            offset += lineStart;
            carry = java.util.Arrays.copyOfRange(data, lineStart, data.length);
            if (budget.linesExhausted()) {
                return;
            }
            if (carry.length >= MAX_LINE_BYTES) {
                if (!skippingLongLine) {
                    lines.accept(LineText.clean(carry, 0, MAX_LINE_BYTES, limits.maxLineChars()));
                    budget.line();
                }
                skippingLongLine = true;
                offset += carry.length;
                carry = new byte[0];
            }
        }
    }

    private void emit(byte[] data, int from, int to, Consumer<String> lines, Budget budget) {
        if (skippingLongLine) {
            skippingLongLine = false; // the tail of a cut line ends here
            return;
        }
        int end = to > from && data[to - 1] == '\r' ? to - 1 : to;
        String text = LineText.clean(data, from, Math.min(end - from, MAX_LINE_BYTES), limits.maxLineChars());
        if (!text.isEmpty()) {
            lines.accept(text);
        }
        budget.line();
    }

    static String keyOf(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        // no inode (some file systems): the creation time tells a new file from the old one
        return key != null ? key.toString() : "created:" + attributes.creationTime().toMillis();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** What one poll may still read. */
    private static final class Budget {
        private final long bytes;
        private final int maxLines;
        private long used;
        private int lines;

        Budget(long bytes, int maxLines) {
            this.bytes = bytes;
            this.maxLines = maxLines;
        }

        long bytesLeft() {
            return bytes - used;
        }

        void read(int n) {
            used += n;
        }

        void line() {
            lines++;
        }

        boolean linesExhausted() {
            return lines >= maxLines;
        }

        boolean exhausted() {
            return used >= bytes || linesExhausted();
        }

        long used() {
            return used;
        }
    }
}
