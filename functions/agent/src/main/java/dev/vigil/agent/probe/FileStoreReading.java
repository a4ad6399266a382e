package dev.vigil.agent.probe;

/** Space and inodes of one mounted file system; {@code usableBytes} is what non-root users may still write. */
public record FileStoreReading(String mount, String fstype, long totalBytes, long freeBytes, long usableBytes,
                               long totalInodes, long freeInodes) {
}
