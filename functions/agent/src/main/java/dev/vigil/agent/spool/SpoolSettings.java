package dev.vigil.agent.spool;

import java.nio.file.Path;

/** Where unsent batches wait and how many bytes they may take. */
public record SpoolSettings(Path dir, long maxBytes) {

    /** 64 MiB holds days of batches from one host at 15 s; beyond that the oldest data matters least. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final Path DEFAULT_DIR = Path.of("agent-spool");

    public static SpoolSettings defaults() {
        return new SpoolSettings(DEFAULT_DIR, DEFAULT_MAX_BYTES);
    }
}
