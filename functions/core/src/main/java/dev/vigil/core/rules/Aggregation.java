package dev.vigil.core.rules;

import java.util.Locale;

/**
 * How the samples of a window become one value. LAST reads the latest-value table, never history.
 * INCREASE is max minus min: how much a counter that only grows (log_matches_total) rose in the window.
 */
public enum Aggregation {
    LAST, AVG, MIN, MAX, INCREASE;

    public static Aggregation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not one of last, avg, min, max, increase: '" + name + "'");
        }
    }
}
