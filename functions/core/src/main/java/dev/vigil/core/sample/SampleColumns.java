package dev.vigil.core.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch as the write path wants it (issue 17): each distinct series once, and per sample the index of its
 * series, its ts and value in primitive arrays, so a 1,000-sample batch of 50 series builds 50 keys, not 1,000.
 * Samples keep the order they arrived in.
 */
public record SampleColumns(List<SeriesKey> series, int[] seriesOf, long[] ts, double[] values) {

    public int size() {
        return ts.length;
    }

    public static SampleColumns of(List<Sample> samples) {
        Builder b = new Builder(samples.size());
        for (Sample s : samples) {
            b.add(b.series(s.seriesKey()), s.ts(), s.value());
        }
        return b.build();
    }

    public List<Sample> toSamples() {
        List<Sample> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            SeriesKey key = series.get(seriesOf[i]);
            out.add(new Sample(key.metric(), key.labels(), ts[i], values[i]));
        }
        return out;
    }

    /** Collects samples; equal series keys share one index. */
    public static final class Builder {
        private final Map<SeriesKey, Integer> index = new HashMap<>();
        private final List<SeriesKey> series = new ArrayList<>();
        private int[] seriesOf;
        private long[] ts;
        private double[] values;
        private int size;

        public Builder(int expected) {
            int capacity = Math.max(16, expected);
            seriesOf = new int[capacity];
            ts = new long[capacity];
            values = new double[capacity];
        }

        /** The index of {@code key} in this batch, added if new. */
        public int series(SeriesKey key) {
            Integer known = index.putIfAbsent(key, series.size());
            if (known != null) {
                return known;
            }
            series.add(key);
            return series.size() - 1;
        }

        public void add(int seriesIndex, long sampleTs, double value) {
            if (size == ts.length) {
                int capacity = size * 2;
                seriesOf = Arrays.copyOf(seriesOf, capacity);
                ts = Arrays.copyOf(ts, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            seriesOf[size] = seriesIndex;
            ts[size] = sampleTs;
            values[size] = value;
            size++;
        }

        public int size() {
            return size;
        }

        public SampleColumns build() {
            return new SampleColumns(List.copyOf(series), Arrays.copyOf(seriesOf, size), Arrays.copyOf(ts, size),
                    Arrays.copyOf(values, size));
        }
    }
}
