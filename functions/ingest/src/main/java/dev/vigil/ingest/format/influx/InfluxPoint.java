package dev.vigil.ingest.format.influx;

import java.util.Map;

/**
 * One line of line protocol. Field values are Double, Long (from 1i / 1u), Boolean or String;
 * {@code timestamp} is in the request's precision, null when the line has none.
 */
public record InfluxPoint(String measurement, Map<String, String> tags, Map<String, Object> fields, Long timestamp, int line) {
}
