package dev.vigil.core.sample;

import dev.vigil.core.sample.SeriesLimitExceededException.Limit;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * Admits new series of a host against {@link SeriesLimitProperties}. Runs only when a batch brings
 * series the host never had, so batches of known series (the steady state) pay nothing; the counts
 * come from the database, so every ingest process (and Lambda container) sees the same numbers.
 */
@Singleton
public class SeriesLimits {

    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final SeriesLimitProperties properties;
    private final Clock clock;

    public SeriesLimits(SeriesLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws SeriesLimitExceededException when creating {@code newSeries} would break a limit */
    void admit(Connection c, int hostId, int newSeries) throws SQLException {
        if (!properties.isEnabled() || newSeries == 0) {
            return;
        }
        long now = clock.millis();
        int maxActive = properties.getMaxActiveSeriesPerHost();
        long activeSince = now - properties.getActiveWindow().toMillis();
        long active = count(c, SampleSql.COUNT_ACTIVE_SERIES, hostId, activeSince, activeSince);
        if (active + newSeries > maxActive) {
            throw new SeriesLimitExceededException(Limit.ACTIVE_SERIES, maxActive, active, newSeries, 0);
        }
        int perMinute = properties.getMaxNewSeriesPerMinute();
        if (newSeries > perMinute) {
            // one batch alone is over the rate: waiting cannot help, it must be smaller
            throw new SeriesLimitExceededException(Limit.NEW_SERIES_PER_MINUTE, perMinute, 0, newSeries, 0);
        }
        try (PreparedStatement ps = c.prepareStatement(SampleSql.COUNT_NEW_SERIES)) {
            ps.setInt(1, hostId);
            ps.setLong(2, now - RATE_WINDOW.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long created = rs.getLong(1);
                if (created + newSeries > perMinute) {
                    long oldest = rs.getLong(2);
                    long waitMillis = oldest + RATE_WINDOW.toMillis() - now;
                    long retryAfter = Math.max(1, Math.min(RATE_WINDOW.toSeconds(), (waitMillis + 999) / 1000));
                    throw new SeriesLimitExceededException(Limit.NEW_SERIES_PER_MINUTE, perMinute, created, newSeries, retryAfter);
                }
            }
        }
    }

    private static long count(Connection c, String sql, int hostId, long... since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, hostId);
            for (int i = 0; i < since.length; i++) {
                ps.setLong(i + 2, since[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
