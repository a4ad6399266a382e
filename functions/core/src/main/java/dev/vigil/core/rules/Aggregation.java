package dev.vigil.core.rules;

import java.util.Locale;

/** How the samples of a window become one value. LAST reads the latest-value table, never history. */
public enum Aggregation {
    LAST, AVG, MIN, MAX;

    public static Aggregation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not one of last, avg, min, max: '" + name + "'");
        }
    }
}
