package dev.vigil.core.counter;

import dev.vigil.core.sample.SeriesKey;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns running totals into increases, one request at a time. Starts from the stored readings of a
 * host and remembers every reading it is given, so the caller can store them once the batch is
 * safely written. Not thread-safe: one instance per request.
 */
public final class CounterRates {

    private final Map<String, CounterReading> previous;
    private final Map<String, CounterReading> updated = new LinkedHashMap<>();

    public CounterRates(Map<String, CounterReading> previous) {
        this.previous = new HashMap<>(previous);
    }

    public static CounterRates empty() {
        return new CounterRates(Map.of());
    }

    /**
     * The increase since the previous reading of {@code counter}. Empty on first sight, when the
     * total went down (a restart reset it), or when the reading is not newer than the last one
     * (a resent batch); none of these is an error.
     */
    public Optional<CounterIncrease> advance(SeriesKey counter, long ts, double total) {
        String hash = counter.hash();
        CounterReading last = previous.get(hash);
        if (last != null && ts <= last.ts()) {
            return Optional.empty();
        }
        CounterReading now = new CounterReading(hash, ts, total);
        previous.put(hash, now);
        updated.put(hash, now);
        if (last == null || total < last.value()) {
            return Optional.empty();
        }
        return Optional.of(new CounterIncrease(total - last.value(), ts - last.ts()));
    }

    /** Readings given since this instance was made, to be stored after the batch. */
    public Collection<CounterReading> newReadings() {
        return updated.values();
    }
}
