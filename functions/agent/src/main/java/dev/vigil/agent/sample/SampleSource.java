package dev.vigil.agent.sample;

import java.util.List;

/** Anything that contributes samples to a batch: the host probe, the MySQL probe, checks, the agent itself. */
@FunctionalInterface
public interface SampleSource {

    /** Samples stamped with {@code ts}; never throws for a measured failure (report it as a value instead). */
    List<Sample> collect(long ts);
}
