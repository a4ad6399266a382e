package dev.vigil.ingest.format;

import dev.vigil.common.SampleConstraints;
import dev.vigil.core.sample.Sample;
import dev.vigil.ingest.error.ApiException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a mapper's output under the same rules as /api/v1/samples. A value that is well formed but
 * cannot be stored (NaN or ±Inf, a name or label over Vigil's limits) is dropped and counted rather
 * than failing the batch: a stock exporter cannot be told to stop emitting it. Too many samples is a 400.
 */
public final class SampleCollector {

    private final int maxSamples;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<Sample, Integer> summed = new HashMap<>();
    private int dropped;

    public SampleCollector(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    public void add(String metric, Map<String, String> labels, long ts, double value) {
        if (!Double.isFinite(value)
                || SampleConstraints.checkMetric(metric).isPresent()
                || SampleConstraints.checkLabels(labels).isPresent()) {
            dropped++;
            return;
        }
        if (samples.size() == maxSamples) {
            throw ApiException.badRequest("batch has more than " + maxSamples + " samples; split it", null);
        }
        samples.add(new Sample(metric, labels, ts, value));
    }

    /** For metrics that add several sources (receive + transmit errors): one sample per series and ts. */
    public void addOrSum(String metric, Map<String, String> labels, long ts, double value) {
        Sample key = new Sample(metric, labels, ts, 0);
        Integer at = summed.get(key);
        if (at != null) {
            Sample s = samples.get(at);
            samples.set(at, new Sample(metric, s.labels(), ts, s.value() + value));
            return;
        }
        int before = samples.size();
        add(metric, labels, ts, value);
        if (samples.size() > before) {
            summed.put(key, before);
        }
    }

    public void drop() {
        dropped++;
    }

    public MappedBatch toBatch(String host) {
        return new MappedBatch(host, samples, dropped);
    }
}
