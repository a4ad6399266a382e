package dev.vigil.agent.probe;

import java.io.IOException;
import java.nio.file.FileStore;

/** Space and inodes of one mounted file system; {@code usableBytes} is what non-root users may still write. */
public record FileStoreReading(String mount, String fstype, long totalBytes, long freeBytes, long usableBytes,
                               long totalInodes, long freeInodes) {

    /** A reading of space only (no inodes) through java.nio, for a mount the probe does not list. */
    public static FileStoreReading of(String mount, FileStore store) throws IOException {
        return new FileStoreReading(mount, store.type(), store.getTotalSpace(), store.getUnallocatedSpace(),
                store.getUsableSpace(), 0, 0);
    }

    /**
     * df's Use%: used / (used + available to non-root users). Blocks reserved for root count neither as used nor
     * as available, so a disk df shows 100% full reads 100 here although root may still write to it. The
     * disk_used_percent metric and emergency cleanup both read this, so they always agree.
     */
    public double usedPercent() {
        long used = totalBytes - freeBytes;
        long counted = used + usableBytes;
        return counted <= 0 ? 0 : Math.max(0, Math.min(100, 100.0 * used / counted));
    }

    /** The complement of {@link #usedPercent()}: what an emergency threshold ({@code free-below-percent}) is compared with. */
    public double freePercent() {
        return 100.0 - usedPercent();
    }
}
