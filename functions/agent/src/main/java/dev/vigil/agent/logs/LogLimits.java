package dev.vigil.agent.logs;

/**
 * How much log watch may read and send, so a log flood costs bounded I/O, memory and ingest rows.
 *
 * @param bytesPerFile         read at most this many bytes of one file per interval; the rest waits for later intervals
 * @param linesPerFile         search at most this many lines of one file per interval
 * @param maxLineChars         a line is cut to this many characters (after cleaning) before it is matched and sent
 * @param linesPerPattern      the last matching lines kept per (log, pattern) per interval
 * @param linesPerInterval     at most this many lines per host are sent per interval (all logs together)
 * @param queuedLines          lines waiting while ingest is unreachable; the oldest are dropped beyond this
 */
public record LogLimits(int bytesPerFile, int linesPerFile, int maxLineChars, int linesPerPattern, int linesPerInterval,
                        int queuedLines) {

    /** 1 MiB per 15 s is ~70 KB/s of log per file: far above a healthy MySQL error log, small for a disk. */
    public static final int DEFAULT_BYTES_PER_FILE = 1024 * 1024;
    public static final int DEFAULT_LINES_PER_FILE = 10_000;
    /** Matches ingest's limit for a stored line. */
    public static final int DEFAULT_MAX_LINE_CHARS = 1000;
    public static final int DEFAULT_LINES_PER_PATTERN = 5;
    public static final int DEFAULT_LINES_PER_INTERVAL = 50;
    public static final int DEFAULT_QUEUED_LINES = 500;

    public static LogLimits defaults() {
        return new LogLimits(DEFAULT_BYTES_PER_FILE, DEFAULT_LINES_PER_FILE, DEFAULT_MAX_LINE_CHARS,
                DEFAULT_LINES_PER_PATTERN, DEFAULT_LINES_PER_INTERVAL, DEFAULT_QUEUED_LINES);
    }
}
