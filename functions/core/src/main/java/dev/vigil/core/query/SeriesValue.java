package dev.vigil.core.query;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** The newest value of one series. */
@Serdeable
public record SeriesValue(String metric, Map<String, String> labels, double value, long ts) {
}
