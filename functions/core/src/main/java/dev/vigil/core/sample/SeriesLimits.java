package dev.vigil.core.sample;

import dev.vigil.core.sample.SeriesLimitExceededException.Limit;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits new series of a host against {@link SeriesLimitProperties}. Runs only when a batch brings
 * series this process has no id for (new to the host, or a cold cache), so batches of known series (the
 * steady state) pay nothing; the counts come from the database, so every ingest process (and Lambda
 * container) sees the same numbers within a few seconds.
 */
@Singleton
public class SeriesLimits {

    static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /**
     * A host's counts are reused this long, so a host creating series batch after batch does not
     * count its whole dictionary each time; a batch the reused counts would refuse is always
     * judged on a fresh count.
     */
    static final Duration RECOUNT_AFTER = Duration.ofSeconds(5);

    private final Map<Integer, HostCounts> counted = new ConcurrentHashMap<>();
    private final SeriesLimitProperties properties;
    private final Clock clock;

    public SeriesLimits(SeriesLimitProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * First of two steps, for a writer that inserts a host's series before it knows how many are new. Must be
     * called with the host's series creation serialised (see {@link SeriesDictionary}): makes sure the figures
     * for the host may judge up to {@code atMost} new series (cached ones that allow that many, else counted
     * now, before the insert, so the count does not see this transaction's own rows). Then
     * {@link #admitPrepared} with the number added.
     */
    void prepare(Connection c, int hostId, int atMost) throws SQLException {
        if (!properties.isEnabled() || atMost == 0) {
            return;
        }
        long now = clock.millis();
        HostCounts counts = counted.get(hostId);
        if (counts == null || now - counts.countedAt >= RECOUNT_AFTER.toMillis() || !counts.allow(atMost, properties)) {
            counted.put(hostId, count(c, hostId, now));
        }
    }

    /**
     * Admits {@code newSeries} (at most the prepared number) on the prepared figures and counts them as created.
     * The figures allowed the prepared number or were counted fresh, so only fresh figures refuse.
     *
     * @throws SeriesLimitExceededException when creating {@code newSeries} breaks a limit (roll the insert back)
     */
    void admitPrepared(int hostId, int newSeries) {
        if (!properties.isEnabled() || newSeries == 0) {
            return;
        }
        HostCounts counts = counted.get(hostId);
        if (!counts.allow(newSeries, properties)) {
            refuseIfOver(counts, newSeries, clock.millis());
        }
        counts.active += newSeries;
        counts.createdLastMinute += newSeries;
    }

    private void refuseIfOver(HostCounts counts, int newSeries, long now) {
        int maxActive = properties.getMaxActiveSeriesPerHost();
        if (counts.active + newSeries > maxActive) {
            throw new SeriesLimitExceededException(Limit.ACTIVE_SERIES, maxActive, counts.active, newSeries, 0);
        }
        int perMinute = properties.getMaxNewSeriesPerMinute();
        if (overRate(counts.createdLastMinute, newSeries, perMinute)) {
            long waitMillis = counts.oldestCreated + RATE_WINDOW.toMillis() - now;
            long retryAfter = Math.max(1, Math.min(RATE_WINDOW.toSeconds(), (waitMillis + 999) / 1000));
            throw new SeriesLimitExceededException(Limit.NEW_SERIES_PER_MINUTE, perMinute, counts.createdLastMinute,
                    newSeries, retryAfter);
        }
    }

    /**
     * The rate limits sustained creation: a host that created nothing in the last minute may bring
     * one batch of any size (a first scrape of a big exporter cannot be split), bounded by the
     * active-series limit; after that, new series wait until the minute has room.
     */
    static boolean overRate(long createdLastMinute, int newSeries, int perMinute) {
        return createdLastMinute > 0 && createdLastMinute + newSeries > perMinute;
    }

    private HostCounts count(Connection c, int hostId, long now) throws SQLException {
        HostCounts counts = new HostCounts(now);
        long activeSince = now - properties.getActiveWindow().toMillis();
        long createdSince = now - RATE_WINDOW.toMillis();
        try (PreparedStatement ps = c.prepareStatement(SampleSql.COUNT_HOST_SERIES)) {
            ps.setLong(1, activeSince);
            ps.setLong(2, activeSince);
            ps.setLong(3, createdSince);
            ps.setLong(4, createdSince);
            ps.setInt(5, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                counts.active = rs.getLong(1);
                counts.createdLastMinute = rs.getLong(2);
                counts.oldestCreated = rs.getLong(3);
            }
        }
        return counts;
    }

    /**
     * A host's figures as last counted plus what this process created since. Series falling silent
     * or ageing out of the minute only lower the true figures, so admitting on these is safe; other
     * processes' creations show at the next count, at most {@link #RECOUNT_AFTER} later.
     */
    private static final class HostCounts {
        final long countedAt;
        long active;
        long createdLastMinute;
        long oldestCreated;

        HostCounts(long countedAt) {
            this.countedAt = countedAt;
        }

        boolean allow(int newSeries, SeriesLimitProperties limits) {
            return active + newSeries <= limits.getMaxActiveSeriesPerHost()
                    && !overRate(createdLastMinute, newSeries, limits.getMaxNewSeriesPerMinute());
        }
    }
}
