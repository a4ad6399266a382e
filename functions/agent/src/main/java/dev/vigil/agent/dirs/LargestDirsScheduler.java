package dev.vigil.agent.dirs;

import dev.vigil.agent.config.NameFilter;
import dev.vigil.agent.sample.Sample;
import dev.vigil.agent.sample.SampleSource;
import dev.vigil.common.PseudoFilesystems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link DirectoryScanner} on one low-priority thread: each configured root every {@code every}, and a mount
 * as soon as its use passes {@code when-used-above} (checked every minute), then not more often than
 * {@code every}. Sends the last result of each scanned root as disk_dir_size_bytes{mount, path}, with
 * disk_dir_scan_skipped{mount, root} and disk_dir_scan_complete{mount, root} beside it.
 */
public final class LargestDirsScheduler implements SampleSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LargestDirsScheduler.class);
    /** Free space is cheap to read; a minute is soon enough for the explanation to arrive with the alert. */
    static final Duration USAGE_CHECK_EVERY = Duration.ofMinutes(1);
    /** Let the agent post its first batches before the first scan reads the disk. */
    static final Duration FIRST_SCAN_AFTER = Duration.ofSeconds(30);

    private final LargestDirsSettings settings;
    private final NameFilter mounts;
    private final Clock clock;
    private final DirectoryScanner scanner;
    private final Map<Path, ScanResult> results = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(() -> {
            LOG.info("Largest-directories scans run at {}", LowPriority.applyToCurrentThread());
            r.run();
        }, "vigil-largest-dirs");
        t.setDaemon(true);
        return t;
    });

    public LargestDirsScheduler(LargestDirsSettings settings, NameFilter mounts, Clock clock) {
        this(settings, mounts, clock, new DirectoryScanner());
    }

    LargestDirsScheduler(LargestDirsSettings settings, NameFilter mounts, Clock clock, DirectoryScanner scanner) {
        this.settings = settings;
        this.mounts = mounts;
        this.clock = clock;
        this.scanner = scanner;
    }

    public void start() {
        if (!settings.roots().isEmpty()) {
            executor.scheduleWithFixedDelay(this::scanRoots, FIRST_SCAN_AFTER.toMillis(), settings.every().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (settings.whenUsedAbove() != null) {
            executor.scheduleWithFixedDelay(this::scanFullMounts, FIRST_SCAN_AFTER.toMillis(),
                    USAGE_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void scanRoots() {
        for (Path root : settings.roots()) {
            scanNow(root);
        }
    }

    /** Scans the mount point of every watched file system used above the level, unless scanned within {@code every}. */
    void scanFullMounts() {
        for (FileStore store : FileSystems.getDefault().getFileStores()) {
            try {
                if (store.type() == null || PseudoFilesystems.isPseudo(store.type()) || store.getTotalSpace() == 0) {
                    continue;
                }
                double used = 100.0 * (store.getTotalSpace() - store.getUnallocatedSpace()) / store.getTotalSpace();
                Path mount = mountPoint(store);
                if (used <= settings.whenUsedAbove() || mount == null || !mounts.accepts(mount.toString())) {
                    continue;
                }
                ScanResult last = results.get(mount);
                if (last == null || clock.millis() - last.finishedAt() >= settings.every().toMillis()) {
                    LOG.info("{} is {}% used (above {}%): measuring its largest directories", mount,
                            String.format("%.1f", used), settings.whenUsedAbove());
                    scanNow(mount);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot read {}: {}", store, e.toString());
            }
        }
    }

    /** The JDK prints a store as "/mount/point (device)"; there is no accessor for the mount point. */
    private static Path mountPoint(FileStore store) {
        String text = store.toString();
        int paren = text.lastIndexOf(" (");
        return paren > 0 ? Path.of(text.substring(0, paren)) : null;
    }

    /** Scans one root now on the caller's thread and keeps the result for the next batches. */
    public ScanResult scanNow(Path root) {
        try {
            String mount = DeviceIds.mountPointOf(root).toString();
            ScanResult r = scanner.scan(root, mount, settings.top(), settings.maxDepth(), settings.budget(), clock.millis());
            results.put(root, r);
            if (!r.complete()) {
                LOG.warn("Largest directories of {}: stopped after the {} s budget ({} files read); sizes are lower bounds",
                        root, settings.budget().toSeconds(), r.files());
            } else {
                LOG.info("Largest directories of {}: {} files in {} directories in {} ms, {} skipped", root, r.files(),
                        r.directories(), r.millis(), r.skipped());
            }
            return r;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot measure directories under {}: {}", root, e.toString());
            return null;
        }
    }

    @Override
    public List<Sample> collect(long ts) {
        List<Sample> out = new ArrayList<>();
        for (ScanResult r : results.values()) {
            for (DirSize d : r.largest()) {
                out.add(Sample.of("disk_dir_size_bytes", Map.of("mount", r.mount(), "path", d.path().toString()), ts, d.bytes()));
            }
            Map<String, String> labels = Map.of("mount", r.mount(), "root", r.root().toString());
            out.add(Sample.of("disk_dir_scan_skipped", labels, ts, r.skipped()));
            out.add(Sample.of("disk_dir_scan_complete", labels, ts, r.complete() ? 1 : 0));
        }
        return out;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
