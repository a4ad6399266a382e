package dev.vigil.core.counter;

/** One reading of a running total: the series it belongs to (a {@code SeriesKey} hash), when, and the total. */
public record CounterReading(String seriesHash, long ts, double value) {
}
