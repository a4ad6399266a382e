package dev.vigil.agent.dirs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Measures which directories under a root hold the most bytes, like {@code du -x} with a depth limit: one file
 * system only (a directory whose st_dev differs from the root's is not entered), symbolic links never followed
 * (counted as nothing), unreadable or vanished entries skipped and counted, stopped by a time budget.
 *
 * <p>Reported directories: every directory's total is known, but "/", "/var" and "/var/lib" all look big because
 * of "/var/lib/mysql". A directory is reported only when no single child directory holds
 * {@value #DOMINANT_CHILD_PERCENT}% or more of it, so the list names where the bytes are, not the path to them.
 * Sizes are apparent sizes (a sparse file counts its length; hard links count once per name).
 *
 * <p>Memory is a stack of one frame per open level plus the top-N heap, whatever the tree's size.
 */
public final class DirectoryScanner {

    static final int DOMINANT_CHILD_PERCENT = 90;
    /** Clock reads are cheap, but not free: the budget is checked every this many entries. */
    private static final int BUDGET_CHECK_EVERY = 256;

    private final DirectoryOpener opener;
    private final LongSupplier nanos;

    public DirectoryScanner() {
        this(DirectoryOpener.FILES, System::nanoTime);
    }

    DirectoryScanner(DirectoryOpener opener, LongSupplier nanos) {
        this.opener = opener;
        this.nanos = nanos;
    }

    /** @param mount the label to report the root under (its mount point) */
    public ScanResult scan(Path root, String mount, int top, int maxDepth, java.time.Duration budget, long now)
            throws IOException {
        Walk walk = new Walk(top, nanos.getAsLong() + budget.toNanos());
        Object rootDev = DeviceIds.of(root);
        walk.directory(root, rootDev, 0, maxDepth);
        List<DirSize> largest = new ArrayList<>(walk.top);
        largest.sort(Comparator.comparingLong(DirSize::bytes).reversed());
        long millis = (nanos.getAsLong() - walk.startedNanos) / 1_000_000;
        return new ScanResult(root, mount, List.copyOf(largest), walk.files, walk.directories, walk.skipped,
                !walk.outOfTime, millis, now);
    }

    private final class Walk {
        final int topN;
        final long deadline;
        final long startedNanos = nanos.getAsLong();
        final PriorityQueue<DirSize> top = new PriorityQueue<>(Comparator.comparingLong(DirSize::bytes));
        long files;
        long directories;
        long skipped;
        long entries;
        boolean outOfTime;

        Walk(int topN, long deadline) {
            this.topN = topN;
            this.deadline = deadline;
        }

        /** @return the bytes under dir */
        long directory(Path dir, Object rootDev, int depth, int maxDepth) {
            directories++;
            long total = 0;
            long largestChild = 0;
            try (DirectoryStream<Path> children = opener.open(dir)) {
                for (Path child : children) {
                    if (++entries % BUDGET_CHECK_EVERY == 0 && nanos.getAsLong() - deadline > 0) {
                        outOfTime = true;
                    }
                    if (outOfTime) {
                        break;
                    }
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        skipped++;
                        continue;
                    }
                    if (a.isRegularFile()) {
                        files++;
                        total += a.size();
                    } else if (a.isDirectory() && depth + 1 <= maxDepth && sameDevice(child, rootDev)) {
                        long sub = directory(child, rootDev, depth + 1, maxDepth);
                        total += sub;
                        largestChild = Math.max(largestChild, sub);
                    }
                    // symbolic links, sockets, devices: nothing to count and never followed
                }
            } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                skipped++;
            }
            if (depth > 0 && total > 0 && largestChild * 100 < total * (long) DOMINANT_CHILD_PERCENT) {
                offer(new DirSize(dir, total));
            }
            return total;
        }

        private boolean sameDevice(Path dir, Object rootDev) {
            try {
                return rootDev.equals(DeviceIds.of(dir));
            } catch (IOException e) {
                skipped++;
                return false;
            }
        }

        private void offer(DirSize d) {
            if (top.size() < topN) {
                top.add(d);
            } else if (top.peek().bytes() < d.bytes()) {
                top.poll();
                top.add(d);
            }
        }
    }
}
