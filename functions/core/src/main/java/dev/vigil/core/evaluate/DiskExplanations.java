package dev.vigil.core.evaluate;

import dev.vigil.core.alert.DiskFacts;
import dev.vigil.core.rules.Quantities;
import dev.vigil.core.sample.Labels;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent knows about a full disk, for the words of disk alerts: "largest: /var/lib/mysql/binlog 41.2 GiB,
 * /var/log 6.3 GiB" from the latest disk_dir_size_bytes{mount, path} of the same host and mount, and "cleanup freed
 * 12 GiB at 03:10 UTC" from the agent's cleanup policies on that mount. Read in bulk, at most once per cycle and
 * only when a disk alert is rendered (three statements whatever the number of alerts), never per alert.
 */
public final class DiskExplanations implements DiskFacts {

    /** Directories named in a message; the API's series keep them all. */
    public static final int LISTED = 3;
    /**
     * The agent re-sends its last scan every interval; a scan whose figures stopped arriving (agent stopped, or
     * largest-dirs removed) is not shown as if current.
     */
    public static final long FRESH_MILLIS = 15 * 60_000L;
    /** A cleanup older than this did not bring today's usage down. */
    public static final long CLEANUP_RECENT_MILLIS = 24 * 3_600_000L;
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public record DirSize(String path, double bytes) {
    }

    public record CleanupRun(long at, double freedBytes) {
    }

    private final RuleQueries queries;
    private final long now;
    private Map<String, List<DirSize>> largest;
    private Map<String, CleanupRun> cleanups;

    public DiskExplanations(RuleQueries queries, long now) {
        this.queries = queries;
        this.now = now;
    }

    /** "largest: /a 41.2 GiB, /b 6.3 GiB, …", or null when no scan of that mount is known. */
    @Nullable
    @Override
    public String largest(int hostId, @Nullable String mount) {
        if (mount == null) {
            return null;
        }
        List<DirSize> dirs = largestByMount().get(hostId + "\u0000" + mount);
        if (dirs == null || dirs.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("largest: ");
        for (int i = 0; i < Math.min(LISTED, dirs.size()); i++) {
            out.append(i == 0 ? "" : ", ").append(dirs.get(i).path()).append(' ').append(Quantities.bytes(dirs.get(i).bytes()));
        }
        return out.append(dirs.size() > LISTED ? ", …" : "").toString();
    }

    /** "cleanup freed 12 GiB at 03:10 UTC" for the latest real cleanup on that mount since {@code since}, or null. */
    @Nullable
    @Override
    public String cleanup(int hostId, @Nullable String mount, long since) {
        if (mount == null) {
            return null;
        }
        CleanupRun run = cleanupsByMount().get(hostId + "\u0000" + mount);
        if (run == null || run.freedBytes() <= 0 || run.at() < since || run.at() < now - CLEANUP_RECENT_MILLIS) {
            return null;
        }
        Instant at = Instant.ofEpochMilli(run.at());
        String when = now - run.at() < 20 * 3_600_000L ? CLOCK_TIME.format(at) : DATE_TIME.format(at);
        return "cleanup freed " + Quantities.bytes(run.freedBytes()) + " at " + when;
    }

    /** Both, joined for a summary: null when nothing is known. */
    @Nullable
    @Override
    public String explain(int hostId, @Nullable String mount) {
        String dirs = largest(hostId, mount);
        String cleanup = cleanup(hostId, mount, now - CLEANUP_RECENT_MILLIS);
        if (dirs == null) {
            return cleanup;
        }
        return cleanup == null ? dirs : dirs + "; " + cleanup;
    }

    private Map<String, List<DirSize>> largestByMount() {
        if (largest == null) {
            largest = new HashMap<>();
            for (RuleQueries.SeriesNumber n : queries.latest("disk_dir_size_bytes", now - FRESH_MILLIS)) {
                Map<String, String> labels = Labels.fromJson(n.labelsJson());
                String mount = labels.get("mount");
                String path = labels.get("path");
                if (mount != null && path != null) {
                    largest.computeIfAbsent(n.hostId() + "\u0000" + mount, k -> new ArrayList<>()).add(new DirSize(path, n.value()));
                }
            }
            largest.values().forEach(l -> l.sort(Comparator.comparingDouble(DirSize::bytes).reversed()));
        }
        return largest;
    }

    /**
     * The agent sends cleanup_last_run_timestamp_seconds{policy, dry_run, mount} and cleanup_freed_bytes{policy,
     * dry_run} for each policy's last run; a dry run freed nothing.
     */
    private Map<String, CleanupRun> cleanupsByMount() {
        if (cleanups == null) {
            cleanups = new HashMap<>();
            long since = now - CLEANUP_RECENT_MILLIS;
            Map<String, Double> freed = new HashMap<>();
            for (RuleQueries.SeriesNumber n : queries.latest("cleanup_freed_bytes", since)) {
                Map<String, String> labels = Labels.fromJson(n.labelsJson());
                if ("false".equals(labels.get("dry_run"))) {
                    freed.put(n.hostId() + "\u0000" + labels.get("policy"), n.value());
                }
            }
            for (RuleQueries.SeriesNumber n : queries.latest("cleanup_last_run_timestamp_seconds", since)) {
                Map<String, String> labels = Labels.fromJson(n.labelsJson());
                Double bytes = freed.get(n.hostId() + "\u0000" + labels.get("policy"));
                if (!"false".equals(labels.get("dry_run")) || labels.get("mount") == null || bytes == null || bytes <= 0) {
                    continue;
                }
                CleanupRun run = new CleanupRun(Math.round(n.value() * 1000), bytes);
                cleanups.merge(n.hostId() + "\u0000" + labels.get("mount"), run, (a, b) -> a.at() >= b.at() ? a : b);
            }
        }
        return cleanups;
    }
}
