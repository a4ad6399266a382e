package dev.vigil.core.sample;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.SeriesLimitExceededException.Limit;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.time.AdjustableClock;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Per-host series limits on every engine: a host at its active-series limit keeps writing its known
 * series, a batch that would create series past a limit is refused whole, and series that fell
 * silent for the active window make room again. Limits here: 6 active, 4 new per minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeriesLimitsContract implements TestPropertyProvider {

    static final int MAX_ACTIVE = 6;
    static final int MAX_NEW_PER_MINUTE = 4;

    @Inject
    SampleBatchWriter writer;
    @Inject
    HostRegistry hosts;
    @Inject
    AdjustableClock clock;
    @Inject
    DataSource dataSource;

    abstract Map<String, String> database();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(database());
        props.put("vigil.ingest.limits.max-active-series-per-host", Integer.toString(MAX_ACTIVE));
        props.put("vigil.ingest.limits.max-new-series-per-minute", Integer.toString(MAX_NEW_PER_MINUTE));
        return props;
    }

    List<Sample> series(String metric, int from, int to) {
        List<Sample> samples = new ArrayList<>();
        for (int i = from; i < to; i++) {
            samples.add(new Sample(metric, Map.of("n", Integer.toString(i)), clock.millis(), i));
        }
        return samples;
    }

    long stored(int hostId) {
        return Sql.count(dataSource, "SELECT COUNT(*) FROM samples s JOIN series r ON r.id = s.series_id WHERE r.host_id = " + hostId);
    }

    @Test
    void newSeriesPastTheActiveLimitAreRefusedWholeWhileKnownSeriesKeepFlowing() {
        int host = hosts.register("churn-01").orElseThrow().host().id();
        writer.write(host, series("a", 0, 4));
        clock.advance(Duration.ofMinutes(1));
        writer.write(host, series("a", 4, 6));
        clock.advance(Duration.ofSeconds(10));
        long before = stored(host);

        List<Sample> mixed = new ArrayList<>(series("a", 0, 6));
        mixed.addAll(series("b", 0, 1));
        SeriesLimitExceededException refused = assertThrows(SeriesLimitExceededException.class, () -> writer.write(host, mixed));
        assertEquals(Limit.ACTIVE_SERIES, refused.limit());
        assertEquals(6, refused.current());
        assertEquals(1, refused.requested());
        assertEquals(before, stored(host), "nothing of the refused batch is stored");

        assertEquals(new WriteResult(6, 0), writer.write(host, series("a", 0, 6)), "known series keep flowing");

        // another host has its own budget
        int other = hosts.register("quiet-01").orElseThrow().host().id();
        assertEquals(new WriteResult(1, 0), writer.write(other, series("b", 0, 1)));
    }

    @Test
    void seriesThatFellSilentForTheActiveWindowMakeRoom() {
        int host = hosts.register("rotate-01").orElseThrow().host().id();
        writer.write(host, series("old", 0, 4));
        clock.advance(Duration.ofMinutes(1));
        writer.write(host, series("old", 4, 6));
        clock.advance(SeriesLimitProperties.DEFAULT_ACTIVE_WINDOW.plusMinutes(1));

        assertEquals(new WriteResult(4, 0), writer.write(host, series("new", 0, 4)));
    }

    @Test
    void theNewSeriesRateIsPerMinuteAndSaysWhenToRetry() {
        int host = hosts.register("burst-01").orElseThrow().host().id();
        writer.write(host, series("m", 0, 3));
        clock.advance(Duration.ofSeconds(20));
        SeriesLimitExceededException refused = assertThrows(SeriesLimitExceededException.class,
                () -> writer.write(host, series("m", 3, 5)));
        assertEquals(Limit.NEW_SERIES_PER_MINUTE, refused.limit());
        assertEquals(3, refused.current());
        assertEquals(40, refused.retryAfterSeconds(), "the first of the three ages out of the window in 40 s");

        clock.advance(Duration.ofSeconds(41));
        assertEquals(new WriteResult(2, 0), writer.write(host, series("m", 3, 5)));
    }

    @Test
    void aQuietHostMayBringOneBatchOfAnySizeButNotASecondOneInTheSameMinute() {
        int host = hosts.register("wide-01").orElseThrow().host().id();
        assertEquals(new WriteResult(MAX_NEW_PER_MINUTE + 1, 0), writer.write(host, series("w", 0, MAX_NEW_PER_MINUTE + 1)));
        clock.advance(Duration.ofSeconds(30));
        SeriesLimitExceededException refused = assertThrows(SeriesLimitExceededException.class,
                () -> writer.write(host, series("x", 0, 1)));
        assertEquals(Limit.NEW_SERIES_PER_MINUTE, refused.limit());
        assertEquals(30, refused.retryAfterSeconds());
        assertEquals(MAX_NEW_PER_MINUTE + 1, stored(host));
    }
}
