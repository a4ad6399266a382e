package dev.vigil.housekeeping.rollup;

import dev.vigil.core.db.Sql;
import dev.vigil.core.rollup.RollupResolution;
import dev.vigil.housekeeping.HousekeepingProperties;
import dev.vigil.housekeeping.retention.SeriesIdPages;
import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Computes 5-minute rollups from raw samples and 1-hour rollups from the 5-minute ones,
 * incrementally: a watermark per resolution remembers how far it got, and each run continues
 * from there. Windows within {@code rollupLookback} of the watermark are computed again, so
 * late samples are included; every write is a whole-window upsert, so re-running any window gives
 * the same rows. Work is cut into one-hour slices times a group of series, each statement a
 * primary-key range read (samples have no time index).
 */
@Singleton
public class RollupBuilder {

    /** Raw time covered by one statement: bounded work, and locks on a few thousand rollup rows at most. */
    static final Duration SLICE = Duration.ofHours(1);

    private final ConnectionOperations<Connection> connections;
    private final SeriesIdPages seriesIds;
    private final HousekeepingProperties properties;

    public RollupBuilder(ConnectionOperations<Connection> connections, SeriesIdPages seriesIds,
                         HousekeepingProperties properties) {
        this.connections = connections;
        this.seriesIds = seriesIds;
        this.properties = properties;
    }

    public List<RollupReport> rollUp(long now) {
        RollupResolution five = RollupResolution.FIVE_MINUTES;
        RollupResolution hour = RollupResolution.ONE_HOUR;
        long fiveUntil = five.bucketOf(now - properties.getRollupSettle().toMillis());
        long fiveFrom = five.bucketOf(watermark(five).orElse(now - properties.getRollupBackfill().toMillis())
                - properties.getRollupLookback().toMillis());
        long deadline = System.nanoTime() + properties.getRollupTimeBudget().toNanos();
        RollupReport fiveReport = build(five, fiveFrom, fiveUntil, deadline);

        // hours whose 5-minute rows were (re)written this run, up to the last complete hour
        long hourUntil = hour.bucketOf(fiveReport.to());
        long hourFrom = Math.min(hour.bucketOf(fiveFrom), watermark(hour).orElse(hour.bucketOf(fiveFrom)));
        RollupReport hourReport = build(hour, hourFrom, hourUntil, Long.MAX_VALUE);
        return List.of(fiveReport, hourReport);
    }

    /** Rolls up every window in [from, to) and moves the watermark to {@code to}. */
    public RollupReport build(RollupResolution resolution, long from, long to) {
        return build(resolution, from, to, Long.MAX_VALUE);
    }

    /**
     * Slice by slice, saving the watermark after each, so a run stopped by its time budget (or a
     * Lambda timeout) keeps its progress and the next run continues from there.
     */
    RollupReport build(RollupResolution resolution, long from, long to, long deadlineNanos) {
        long rows = 0;
        int statements = 0;
        long done = from;
        int groupSize = properties.getSeriesPerStatement();
        while (done < to) {
            long sliceEnd = Math.min(to, done + SLICE.toMillis());
            for (List<Long> group : seriesIds.groups(groupSize)) {
                String sql = resolution == RollupResolution.FIVE_MINUTES
                        ? RollupSql.fromSamples(group.size()) : RollupSql.fromFiveMinutes(group.size());
                rows += upsert(sql, group, done, sliceEnd);
                statements++;
            }
            saveWatermark(resolution, sliceEnd);
            done = sliceEnd;
            if (System.nanoTime() - deadlineNanos > 0) {
                break;
            }
        }
        return new RollupReport(resolution.key(), from, done, rows, statements);
    }

    public OptionalLong watermark(RollupResolution resolution) {
        return connections.executeRead(status -> {
            return Sql.call("could not read the rollup watermark", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(RollupSql.WATERMARK)) {
                    ps.setString(1, resolution.key());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                    }
                }
            });
        });
    }

    private void saveWatermark(RollupResolution resolution, long doneUntil) {
        connections.executeWrite(status -> {
            return Sql.call("could not save the rollup watermark", () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(RollupSql.SAVE_WATERMARK)) {
                    ps.setString(1, resolution.key());
                    ps.setLong(2, doneUntil);
                    return ps.executeUpdate();
                }
            });
        });
    }

    private int upsert(String sql, List<Long> group, long from, long to) {
        return connections.executeWrite(status -> {
            return Sql.call("could not roll up " + from + ".." + to, () -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                    int p = 1;
                    for (long id : group) {
                        ps.setLong(p++, id);
                    }
                    ps.setLong(p++, from);
                    ps.setLong(p, to);
                    return ps.executeUpdate();
                }
            });
        });
    }
}
