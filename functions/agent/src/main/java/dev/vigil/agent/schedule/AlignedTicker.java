package dev.vigil.agent.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Tick times on a fixed grid of {@code interval}, shifted by a per-agent {@code offset}: every agent keeps a
 * steady rhythm, but a fleet started together spreads its posts over the interval instead of hitting ingest
 * in lockstep.
 */
public record AlignedTicker(Duration interval, Duration offset) {

    public AlignedTicker {
        if (offset.isNegative() || offset.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("offset must be within [0, interval)");
        }
    }

    /** The next tick strictly after {@code now}; ticks missed while a collection overran are skipped. */
    public Instant nextTickAfter(Instant now) {
        long interval = this.interval.toMillis();
        long shifted = now.toEpochMilli() - offset.toMillis();
        long next = Math.floorDiv(shifted, interval) * interval + interval;
        return Instant.ofEpochMilli(next + offset.toMillis());
    }
}
