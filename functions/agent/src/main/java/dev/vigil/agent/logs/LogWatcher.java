package dev.vigil.agent.logs;

import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Log watch: every interval, follows each configured file (and each file a glob matches), counts the
 * lines matching each pattern into {@code log_matches_total{log, pattern, severity}} and queues the last
 * few matching lines for {@code POST /api/v1/log-lines}. A line is counted for its first matching pattern
 * only (presets list the specific patterns before the generic {@code [ERROR]}), so one line raises one alert.
 *
 * <p>Read positions and counter totals are saved in a state file (in the spool directory) after every
 * interval, so a restart resumes where it stopped instead of skipping or re-reading lines, and the
 * counters do not fall back to 0 (which would look like a reset to the rule). Without a state file they
 * live in memory only.
 */
public final class LogWatcher implements SampleSource, AutoCloseable {

    public static final String METRIC = "log_matches_total";
    public static final String STATE_FILE = "log-watch.state";
    private static final Logger LOG = LoggerFactory.getLogger(LogWatcher.class);

    private final List<LogWatch> watches;
    private final LogLimits limits;
    private final Path stateFile;
    private final Map<Path, FileFollower> followers = new LinkedHashMap<>();
    private final Map<String, FileFollower.Position> saved = new HashMap<>();
    private final Map<String, Long> totals = new LinkedHashMap<>();
    /** Files read to their end before their path was rotated to a new file, by file key: a glob may meet them again. */
    private final Map<String, Long> rotatedAway = new HashMap<>();
    private final Set<String> refusedFiles = new HashSet<>();
    private final Deque<LogLine> queue = new ArrayDeque<>();
    private boolean firstScan = true;
    private long bytesRead;
    private long droppedLines;

    /** @param stateFile where positions and totals are kept across restarts, or null to keep them in memory */
    public LogWatcher(List<LogWatch> watches, LogLimits limits, Path stateFile) {
        this.watches = List.copyOf(watches);
        this.limits = limits;
        this.stateFile = stateFile;
        loadState();
        for (LogWatch w : watches) {
            for (LogPattern p : w.patterns()) {
                totals.putIfAbsent(key(w.name(), p.name()), 0L);
            }
        }
    }

    @Override
    public synchronized List<Sample> collect(long ts) {
        Set<Path> seen = new HashSet<>();
        List<LogLine> interval = new ArrayList<>();
        for (LogWatch watch : watches) {
            List<Path> files = new ArrayList<>(LogFiles.resolve(watch.path()));
            // followed files first: a rotation they notice tells which new path is only their old file renamed
            files.sort(java.util.Comparator.comparing(f -> !followers.containsKey(f)));
            for (Path file : files) {
                seen.add(file);
                FileFollower follower = follower(file);
                if (follower == null) {
                    continue;
                }
                try {
                    bytesRead += follower.poll(line -> match(watch, line, ts, interval));
                    FileFollower.Position away = follower.takeRotatedAway();
                    if (away != null && rotatedAway.size() < LogFiles.MAX_FILES_PER_GLOB * watches.size()) {
                        rotatedAway.put(away.fileKey(), away.offset());
                    }
                } catch (IOException e) {
                    LOG.warn("log watch {}: cannot read {}: {}", watch.name(), file, e.toString());
                    closeQuietly(followers.remove(file));
                }
            }
        }
        // a file that is gone (rotated away and deleted, or no longer matched by its glob) is let go
        followers.keySet().removeIf(p -> {
            if (!seen.contains(p)) {
                saved.put(p.toString(), followers.get(p).position());
                closeQuietly(followers.get(p));
                return true;
            }
            return false;
        });
        firstScan = false;
        enqueue(interval);
        saveState();
        List<Sample> samples = new ArrayList<>();
        for (LogWatch w : watches) {
            for (LogPattern p : w.patterns()) {
                samples.add(Sample.of(METRIC, Map.of("log", w.name(), "pattern", p.name(), "severity", p.severity()), ts,
                        totals.get(key(w.name(), p.name()))));
            }
        }
        return samples;
    }

    private FileFollower follower(Path file) {
        FileFollower follower = followers.get(file);
        if (follower != null) {
            return follower;
        }
        FileFollower.Position start = saved.remove(file.toString());
        if (start == null && !firstScan) {
            Long readUpTo = rotatedAway.remove(keyOf(file));
            // appeared while watched: all of it is new, unless it is a file we followed under its old name
            start = readUpTo == null ? new FileFollower.Position(null, 0) : new FileFollower.Position(null, readUpTo);
        }
        try {
            follower = new FileFollower(file, limits, start);
            followers.put(file, follower);
            refusedFiles.remove(file.toString());
            return follower;
        } catch (IOException e) {
            if (refusedFiles.add(file.toString())) { // said once, not every interval
                LOG.warn("log watch: cannot open {}: {}", file, e.toString());
            }
            return null;
        }
    }

    private static String keyOf(Path file) {
        try {
            return FileFollower.keyOf(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class));
        } catch (IOException e) {
            return "";
        }
    }

    private void match(LogWatch watch, String line, long ts, List<LogLine> interval) {
        if (!watch.wanted(line)) {
            return;
        }
        for (LogPattern p : watch.patterns()) {
            if (p.matches(line)) {
                String key = key(watch.name(), p.name());
                totals.merge(key, 1L, Long::sum);
                interval.add(new LogLine(watch.name(), p.name(), p.severity(), ts, line));
                return;
            }
        }
    }

    /** Keeps the last few lines per pattern, then at most the per-interval cap in total, in file order. */
    private void enqueue(List<LogLine> interval) {
        Map<String, Integer> remaining = new HashMap<>();
        for (LogLine l : interval) {
            remaining.merge(key(l.log(), l.pattern()), 1, Integer::sum);
        }
        List<LogLine> kept = new ArrayList<>();
        for (LogLine l : interval) {
            int left = remaining.merge(key(l.log(), l.pattern()), -1, Integer::sum);
            if (left < limits.linesPerPattern()) {
                kept.add(l);
            }
        }
        if (kept.size() > limits.linesPerInterval()) {
            kept = kept.subList(kept.size() - limits.linesPerInterval(), kept.size());
        }
        droppedLines += interval.size() - kept.size();
        queue.addAll(kept);
        while (queue.size() > limits.queuedLines()) {
            queue.removeFirst();
            droppedLines++;
        }
    }

    /** The lines waiting to be sent, removed from the queue. */
    public synchronized List<LogLine> takeLines() {
        List<LogLine> out = new ArrayList<>(queue);
        queue.clear();
        return out;
    }

    /** Puts lines that could not be delivered back in front of the queue (bounded: the oldest go first). */
    public synchronized void requeue(List<LogLine> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            queue.addFirst(lines.get(i));
        }
        while (queue.size() > limits.queuedLines()) {
            queue.removeFirst();
        }
    }

    public synchronized long bytesRead() {
        return bytesRead;
    }

    /** Matching lines not sent because of the per-pattern and per-interval caps or a full queue (they are still counted). */
    public synchronized long droppedLines() {
        return droppedLines;
    }

    private static String key(String log, String pattern) {
        return log + '\u0000' + pattern;
    }

    private void loadState() {
        if (stateFile == null) {
            return;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(stateFile)) {
            p.load(in);
        } catch (NoSuchFileException first) {
            return;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("log watch: ignoring unreadable state file {}: {}", stateFile, e.toString());
            return;
        }
        for (String name : p.stringPropertyNames()) {
            String value = p.getProperty(name);
            try {
                if (name.startsWith("file.")) {
                    int bar = value.lastIndexOf('|');
                    saved.put(name.substring(5), new FileFollower.Position(value.substring(0, bar), Long.parseLong(value.substring(bar + 1))));
                } else if (name.startsWith("total.")) {
                    totals.put(name.substring(6).replace('|', '\u0000'), Long.parseLong(value));
                }
            } catch (RuntimeException e) {
                LOG.warn("log watch: ignoring state entry {}: {}", name, e.toString());
            }
        }
    }

    private void saveState() {
        if (stateFile == null) {
            return;
        }
        Properties p = new Properties();
        saved.forEach((file, pos) -> p.setProperty("file." + file, pos.fileKey() + "|" + pos.offset()));
        followers.forEach((file, f) -> p.setProperty("file." + file, f.position().fileKey() + "|" + f.position().offset()));
        totals.forEach((key, total) -> p.setProperty("total." + key.replace('\u0000', '|'), Long.toString(total)));
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".new");
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "vigil-agent log watch positions and counter totals");
            }
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("log watch: cannot save state to {}: {}", stateFile, e.toString());
        }
    }

    private static void closeQuietly(FileFollower f) {
        if (f == null) {
            return;
        }
        try {
            f.close();
        } catch (IOException ignored) {
            // releasing a handle
        }
    }

    @Override
    public synchronized void close() {
        saveState();
        followers.values().forEach(LogWatcher::closeQuietly);
        followers.clear();
    }
}
