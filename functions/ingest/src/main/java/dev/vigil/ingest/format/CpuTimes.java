package dev.vigil.ingest.format;

import java.util.Map;
import java.util.Optional;

/**
 * CPU percentages from time spent per state over one interval (seconds, jiffies or percent: only the
 * proportions matter). Busy is everything but idle and iowait, as top and the Vigil agent count it.
 */
public record CpuTimes(double usagePercent, double iowaitPercent) {

    /** Empty when the interval saw no time at all (or no idle state, which every sender reports). */
    public static Optional<CpuTimes> fromStates(Map<String, Double> timeByState, String idleState, String iowaitState) {
        double total = 0;
        for (double t : timeByState.values()) {
            total += t;
        }
        Double idle = timeByState.get(idleState);
        if (idle == null || !(total > 0)) {
            return Optional.empty();
        }
        double iowait = timeByState.getOrDefault(iowaitState, 0.0);
        return Optional.of(new CpuTimes(clamp(100.0 * (total - idle - iowait) / total), clamp(100.0 * iowait / total)));
    }

    private static double clamp(double percent) {
        return Math.max(0, Math.min(100, percent));
    }
}
