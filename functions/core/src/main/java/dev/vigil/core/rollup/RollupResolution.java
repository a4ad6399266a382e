package dev.vigil.core.rollup;

import java.time.Duration;

/** The stored aggregate resolutions, each in its own table with the same columns. */
public enum RollupResolution {
    FIVE_MINUTES("5m", "rollup_5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", "rollup_1h", Duration.ofHours(1));

    private final String key;
    private final String table;
    private final Duration width;

    RollupResolution(String key, String table, Duration width) {
        this.key = key;
        this.table = table;
        this.width = width;
    }

    /** The name stored in rollup_watermarks. */
    public String key() {
        return key;
    }

    public String table() {
        return table;
    }

    public Duration width() {
        return width;
    }

    public long widthMillis() {
        return width.toMillis();
    }

    /** Start of the window that holds {@code ts}. */
    public long bucketOf(long ts) {
        return ts - Math.floorMod(ts, widthMillis());
    }
}
