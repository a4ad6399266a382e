package dev.vigil.core.query;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.testing.MysqlTestProperties;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many series in one range query: a bounded number of statements (not one per series), a limit on
 * the series answered, and a flag when the answer was cut. Statements are counted by the server
 * (MariaDB's per-session Com_select), so this runs on MySQL/MariaDB only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesRangeQueryMysqlTest implements MysqlTestProperties {

    static final int SERIES = 2_600;
    static final long T0 = 1_000_000L;

    @Inject
    SampleBatchWriter writer;
    @Inject
    HostRegistry hosts;
    @Inject
    SeriesRangeQuery range;
    @Inject
    ConnectionOperations<Connection> connections;

    @BeforeAll
    void manySeries() {
        int host = hosts.register("wide-01").orElseThrow().host().id();
        List<Sample> batch = new ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            batch.add(new Sample("app_requests", Map.of("route", "r" + i), T0, i));
            batch.add(new Sample("app_requests", Map.of("route", "r" + i), T0 + 10_000, i + 1));
        }
        writer.write(host, batch);
    }

    /** Runs the query on one connection and returns how many SELECTs the server saw for it. */
    long selects(Runnable query) {
        return connections.executeRead(status -> {
            try (Statement st = status.getConnection().createStatement()) {
                long before = comSelect(st);
                query.run();
                return comSelect(st) - before;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static long comSelect(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Com_select'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    @Test
    void rawPointsOfThousandsOfSeriesTakeAHandfulOfStatements() {
        List<SeriesRangeQuery.SeriesPage> answer = new ArrayList<>();
        long statements = selects(() -> answer.add(range.page(
                new SeriesRangeQuery.Selector("wide-01", "app_requests", T0, T0 + 60_000, 0, SeriesRangeQuery.MAX_SERIES_LIMIT))));
        SeriesRangeQuery.SeriesPage page = answer.get(0);
        assertEquals(SERIES, page.series().size());
        assertFalse(page.truncated());
        assertEquals(2, page.series().get(0).points().size());
        long expected = 1 + (SERIES + SeriesRangeQuery.SERIES_PER_STATEMENT - 1) / SeriesRangeQuery.SERIES_PER_STATEMENT;
        assertTrue(statements <= expected + 1, statements + " statements for " + SERIES + " series");
    }

    @Test
    void rollupRangesAreBoundedToo() {
        long statements = selects(() -> range.page(new SeriesRangeQuery.Selector(
                "wide-01", "app_requests", T0, T0 + 8 * 86_400_000L, 0, SeriesRangeQuery.MAX_SERIES_LIMIT)));
        long chunks = (SERIES + SeriesRangeQuery.SERIES_PER_STATEMENT - 1) / SeriesRangeQuery.SERIES_PER_STATEMENT;
        assertTrue(statements <= 2 + 2 * chunks + 1, statements + " statements");
    }

    @Test
    void theLimitCutsTheAnswerAndSaysSo() {
        SeriesRangeQuery.SeriesPage page = range.page(
                new SeriesRangeQuery.Selector("wide-01", "app_requests", T0, T0 + 60_000, 0, 100));
        assertEquals(100, page.series().size());
        assertTrue(page.truncated());
        assertEquals(Map.of("route", "r0"), page.series().get(0).labels());
        // averaged per step, every series still gets its own buckets
        SeriesRangeQuery.SeriesPage stepped = range.page(
                new SeriesRangeQuery.Selector("wide-01", "app_requests", T0, T0 + 60_000, 60_000, 3));
        assertEquals(3, stepped.series().size());
        assertEquals(1, stepped.series().get(0).points().size());
        assertEquals(0.5, (double) stepped.series().get(0).points().get(0)[1]);
    }
}
