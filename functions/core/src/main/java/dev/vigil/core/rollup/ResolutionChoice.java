package dev.vigil.core.rollup;

import java.time.Duration;
import java.util.Optional;

/**
 * Which stored resolution answers a range query. A step at least as wide as a rollup window can be
 * answered from that rollup without losing anything the caller asked for; without a step, ranges
 * longer than a day (5m) or a week (1h) would return too many raw points to draw, so they are
 * answered from rollups too.
 */
public final class ResolutionChoice {

    static final Duration RAW_UP_TO = Duration.ofDays(1);
    static final Duration FIVE_MINUTES_UP_TO = Duration.ofDays(7);

    private ResolutionChoice() {
    }

    /** @return empty for raw samples */
    public static Optional<RollupResolution> forRange(long from, long to, long stepMillis) {
        long range = to - from;
        if (stepMillis >= RollupResolution.ONE_HOUR.widthMillis()
                || (stepMillis <= 0 && range > FIVE_MINUTES_UP_TO.toMillis())) {
            return Optional.of(RollupResolution.ONE_HOUR);
        }
        if (stepMillis >= RollupResolution.FIVE_MINUTES.widthMillis() || range > RAW_UP_TO.toMillis()) {
            return Optional.of(RollupResolution.FIVE_MINUTES);
        }
        return Optional.empty();
    }
}
