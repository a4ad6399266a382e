package dev.vigil.ingest.format.influx;

import dev.vigil.ingest.error.ApiException;

import java.util.concurrent.TimeUnit;

/** The precision query parameter of InfluxDB v1 (n, u, ms, s, m, h) and v2 (ns, us, ms, s). Default ns. */
public enum InfluxPrecision {
    NANOSECONDS(TimeUnit.NANOSECONDS), MICROSECONDS(TimeUnit.MICROSECONDS), MILLISECONDS(TimeUnit.MILLISECONDS),
    SECONDS(TimeUnit.SECONDS), MINUTES(TimeUnit.MINUTES), HOURS(TimeUnit.HOURS);

    private final TimeUnit unit;

    InfluxPrecision(TimeUnit unit) {
        this.unit = unit;
    }

    public static InfluxPrecision of(String precision) {
        return switch (precision) {
            case "", "n", "ns" -> NANOSECONDS;
            case "u", "us", "µ", "µs" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> throw ApiException.badRequest("precision must be one of ns, us, ms, s (or v1's n, u, m, h), got '"
                    + precision + "'", "precision");
        };
    }

    /** Epoch milliseconds, rounded down like every InfluxDB client does when it truncates. */
    public long toMillis(long timestamp) {
        return unit == TimeUnit.NANOSECONDS ? Math.floorDiv(timestamp, 1_000_000L)
                : unit == TimeUnit.MICROSECONDS ? Math.floorDiv(timestamp, 1_000L)
                : unit.toMillis(timestamp);
    }
}
