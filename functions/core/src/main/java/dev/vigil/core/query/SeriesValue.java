package dev.vigil.core.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/** The newest value of one series. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SeriesValue(String metric, Map<String, String> labels, double value, long ts) {
}
