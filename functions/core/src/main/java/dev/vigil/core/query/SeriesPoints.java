package dev.vigil.core.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** The points of one series over a range; each point is {@code [ts, value]}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SeriesPoints(String host, String metric, Map<String, String> labels, List<Object[]> points) {
}
