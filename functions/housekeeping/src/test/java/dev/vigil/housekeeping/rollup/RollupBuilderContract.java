package dev.vigil.housekeeping.rollup;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.SeriesPoints;
import dev.vigil.core.query.SeriesRangeQuery;
import dev.vigil.core.rollup.RollupResolution;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given three hours of irregular samples for a dozen series, when rollups are built, then every
 * 5-minute and 1-hour row equals a brute-force aggregate of the same raw samples; re-running any
 * window rewrites identical rows; a late sample within the lookback is folded in by the next run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RollupBuilderContract {

    static final long T0 = Instant.parse("2026-11-20T06:00:00Z").toEpochMilli();
    static final long HOUR = Duration.ofHours(1).toMillis();

    @Inject
    RollupBuilder rollups;
    @Inject
    SampleBatchWriter writer;
    @Inject
    HostRegistry hosts;
    @Inject
    DataSource dataSource;
    @Inject
    SeriesRangeQuery range;

    final List<Sample> raw = new ArrayList<>();
    int hostId;

    record Row(String metric, long bucket, double min, double max, double avg, long count) {
    }

    @BeforeAll
    void storeIrregularSamples() {
        hostId = hosts.register("app-01").orElseThrow().host().id();
        Random random = new Random(42);
        for (int s = 0; s < 12; s++) {
            long ts = T0 + random.nextInt(30_000);
            while (ts < T0 + 3 * HOUR) {
                raw.add(new Sample("m" + s, Map.of(), ts, Math.round(random.nextGaussian() * 1e6) / 1e3));
                ts += 1 + random.nextInt(40_000);
            }
        }
        writer.write(hostId, raw);
    }

    @Test
    void rollupsEqualABruteForceAggregateAndReRunningGivesTheSameRows() {
        long now = T0 + 3 * HOUR + Duration.ofMinutes(2).toMillis();
        // the first runs catch up from the backfill start, a bounded stretch per run
        int runs = 0;
        while (rollups.watermark(RollupResolution.FIVE_MINUTES).orElse(0) < T0 + 3 * HOUR) {
            rollups.rollUp(now);
            assertTrue(++runs < 10, "catch-up did not converge");
        }
        assertMatches(bruteForce(raw, RollupResolution.FIVE_MINUTES), rows("rollup_5m"));
        assertMatches(bruteForce(raw, RollupResolution.ONE_HOUR), rows("rollup_1h"));

        List<Row> five = rows("rollup_5m");
        List<Row> hourly = rows("rollup_1h");
        rollups.rollUp(now);
        rollups.build(RollupResolution.FIVE_MINUTES, T0 - HOUR, T0 + 3 * HOUR);
        rollups.build(RollupResolution.ONE_HOUR, T0 - HOUR, T0 + 3 * HOUR);
        assertEquals(five, rows("rollup_5m"), "re-running 5-minute windows changed rows");
        assertEquals(hourly, rows("rollup_1h"), "re-running hourly windows changed rows");

        // a sample that arrives late, for a window rolled up already
        Sample late = new Sample("m0", Map.of(), T0 + 3 * HOUR - 1, 1e6);
        writer.write(hostId, List.of(late));
        raw.add(late);
        rollups.rollUp(now + Duration.ofMinutes(5).toMillis());
        assertMatches(bruteForce(raw, RollupResolution.FIVE_MINUTES), rows("rollup_5m"));
        assertMatches(bruteForce(raw, RollupResolution.ONE_HOUR), rows("rollup_1h"));
    }

    @Test
    void wideStepsAreAnsweredFromRollupsWithTheNewestStretchFromRawSamples() {
        long now = T0 + 3 * HOUR + Duration.ofMinutes(2).toMillis();
        while (rollups.watermark(RollupResolution.FIVE_MINUTES).orElse(0) < T0 + 3 * HOUR) {
            rollups.rollUp(now);
        }
        long to = T0 + 3 * HOUR + HOUR - 1;
        List<SeriesPoints> hourly = range.find(new SeriesRangeQuery.Selector("app-01", "m3", T0, to, HOUR));
        List<Row> expected = bruteForce(raw.stream().filter(s -> s.metric().equals("m3")).toList(), RollupResolution.ONE_HOUR);
        assertEquals(3, hourly.get(0).points().size(), "three rolled-up hours, nothing after them yet");
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.get(i).bucket(), hourly.get(0).points().get(i)[0]);
            assertEquals(expected.get(i).avg(), (double) hourly.get(0).points().get(i)[1], 1e-9 * Math.abs(expected.get(i).avg()) + 1e-12);
        }

        // a sample after the 1h watermark comes from raw samples, in its own hourly bucket
        int otherHost = hosts.register("app-02").orElseThrow().host().id();
        writer.write(otherHost, List.of(new Sample("m3", Map.of(), T0 + 3 * HOUR + 5_000, 7.0)));
        List<Object[]> points = range.find(new SeriesRangeQuery.Selector("app-02", "m3", T0, to, HOUR)).get(0).points();
        assertEquals(1, points.size());
        assertEquals(T0 + 3 * HOUR, points.get(0)[0]);
        assertEquals(7.0, (double) points.get(0)[1]);

        List<Object[]> fiveMinutes = range.find(new SeriesRangeQuery.Selector("app-01", "m3", T0, T0 + HOUR - 1, 300_000)).get(0).points();
        assertEquals(12, fiveMinutes.size());
    }

    static List<Row> bruteForce(List<Sample> samples, RollupResolution resolution) {
        Map<String, List<Sample>> byWindow = new TreeMap<>();
        for (Sample s : samples) {
            String key = s.metric() + "@" + String.format("%020d", resolution.bucketOf(s.ts()));
            byWindow.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        List<Row> rows = new ArrayList<>();
        byWindow.forEach((key, window) -> {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            double sum = 0;
            for (Sample s : window) {
                min = Math.min(min, s.value());
                max = Math.max(max, s.value());
                sum += s.value();
            }
            rows.add(new Row(window.get(0).metric(), resolution.bucketOf(window.get(0).ts()), min, max,
                    sum / window.size(), window.size()));
        });
        return rows;
    }

    static void assertMatches(List<Row> expected, List<Row> actual) {
        assertEquals(expected.size(), actual.size(), "number of windows");
        for (int i = 0; i < expected.size(); i++) {
            Row e = expected.get(i);
            Row a = actual.get(i);
            assertEquals(e.metric(), a.metric());
            assertEquals(e.bucket(), a.bucket());
            assertEquals(e.count(), a.count(), () -> "count of " + e);
            assertEquals(e.min(), a.min(), () -> "min of " + e);
            assertEquals(e.max(), a.max(), () -> "max of " + e);
            assertTrue(Math.abs(e.avg() - a.avg()) <= 1e-9 * Math.max(1, Math.abs(e.avg())),
                    () -> "avg of " + e + " was " + a.avg());
        }
    }

    List<Row> rows(String table) {
        String sql = "SELECT s.metric, r.bucket_ts, r.min_value, r.max_value, r.avg_value, r.sample_count FROM " + table
                + " r JOIN series s ON s.id = r.series_id WHERE s.host_id = " + hostId;
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getLong(6)));
            }
            rows.sort((x, y) -> (x.metric() + "@" + String.format("%020d", x.bucket()))
                    .compareTo(y.metric() + "@" + String.format("%020d", y.bucket())));
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
