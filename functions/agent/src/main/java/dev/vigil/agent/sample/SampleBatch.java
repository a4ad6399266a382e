package dev.vigil.agent.sample;

import java.util.List;

/** The body of one POST /api/v1/samples. */
public record SampleBatch(String host, List<Sample> samples) {

    public SampleBatch {
        samples = List.copyOf(samples);
    }
}
