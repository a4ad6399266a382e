package dev.vigil.core.selfmetrics;

import dev.vigil.core.sample.Sample;

import java.util.List;

/** A function's gauges read at flush time (e.g. notify's outbox backlog); one query at most, never throws on purpose. */
public interface SelfMetricSource {

    /** Samples stamped {@code now}, named as in {@link SelfMetrics}. */
    List<Sample> read(long now);
}
