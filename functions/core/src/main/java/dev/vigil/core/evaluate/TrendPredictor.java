package dev.vigil.core.evaluate;

import io.micronaut.core.annotation.Nullable;

/**
 * Fits a least-squares line through a window of samples and says how long until it reaches a level,
 * approaching from the side the series is on now.
 */
final class TrendPredictor {

    private TrendPredictor() {
    }

    /**
     * @param now    the x origin of the sums (sums use seconds relative to it)
     * @param latest the series' current value, which decides the side the level is approached from
     * @return milliseconds from now until the level is reached (0 when already there), or null when the
     *         line does not head towards the level
     */
    @Nullable
    static Long millisUntil(long n, double sx, double sy, double sxy, double sxx, double latest, double level) {
        double denominator = n * sxx - sx * sx;
        if (n < 2 || denominator <= 0) {
            return null;
        }
        double slope = (n * sxy - sx * sy) / denominator;
        double intercept = (sy - slope * sx) / n;
        double side = latest - level;
        if (side == 0) {
            return 0L;
        }
        if (slope == 0 || slope * side > 0) {
            return null;
        }
        double seconds = (level - intercept) / slope;
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return null;
        }
        return Math.max(0L, Math.round(seconds * 1000));
    }
}
