package dev.vigil.ingest.sample;

import dev.vigil.core.testing.Sql;
import dev.vigil.core.time.AdjustableClock;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-host series limits over HTTP: at most 12 active series and 10 new series a minute per host
 * here. Refusals are whole-batch 4xx answers naming the limit, and counted as samples of host vigil.
 */
@MicronautTest(transactional = false, environments = {"test", "scenario"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesLimitsApiTest implements AdminApiTestProperties {

    static final String ADMIN = "limits-admin-token-0123456789";

    @Inject
    EmbeddedServer server;
    @Inject
    AdjustableClock clock;
    @Inject
    DataSource dataSource;
    @Inject
    LimitRefusals refusals;

    ApiClient api;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("vigil.ingest.limits.max-active-series-per-host", "12",
                "vigil.ingest.limits.max-new-series-per-minute", "10");
    }

    @BeforeAll
    void client() {
        api = new ApiClient(server.getURI());
    }

    String register(String host) {
        return api.registerHost(host, ADMIN);
    }

    HttpResponse<String> send(String host, String token, int from, int to) {
        StringBuilder samples = new StringBuilder();
        for (int i = from; i < to; i++) {
            samples.append(samples.isEmpty() ? "" : ",").append("{\"metric\":\"app_requests\",\"labels\":{\"id\":\"")
                    .append(i).append("\"},\"ts\":").append(clock.millis()).append(",\"value\":1}");
        }
        return api.post("/api/v1/samples", token, "{\"host\":\"" + host + "\",\"samples\":[" + samples + "]}");
    }

    @Test
    void newSeriesAreRefusedPastEachLimitWithA4xxNamingItWhileKnownSeriesKeepFlowing() {
        String token = register("churn-01");
        assertEquals(202, send("churn-01", token, 0, 8).statusCode());

        HttpResponse<String> tooFast = send("churn-01", token, 8, 11);
        assertEquals(429, tooFast.statusCode(), tooFast.body());
        assertTrue(tooFast.body().contains("vigil.ingest.limits.max-new-series-per-minute"), tooFast.body());
        assertEquals("60", tooFast.headers().firstValue("Retry-After").orElseThrow());

        clock.advance(Duration.ofSeconds(61));
        assertEquals(202, send("churn-01", token, 8, 11).statusCode(), "11 active series now");

        clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> tooMany = send("churn-01", token, 11, 13);
        assertEquals(400, tooMany.statusCode(), tooMany.body());
        assertTrue(tooMany.body().contains("vigil.ingest.limits.max-active-series-per-host"), tooMany.body());
        assertTrue(tooMany.body().contains("has 11 active series and this batch would add 2, over the limit of 12"), tooMany.body());
        assertEquals(11, Sql.count(dataSource, "SELECT COUNT(*) FROM series s JOIN hosts h ON h.id = s.host_id WHERE h.name = 'churn-01'"));

        HttpResponse<String> known = send("churn-01", token, 0, 11);
        assertEquals(202, known.statusCode(), known.body());

        refusals.flush();
        assertEquals(3 + 2, Sql.count(dataSource, """
                SELECT COALESCE(SUM(v.value), 0) FROM samples v JOIN series s ON s.id = v.series_id JOIN hosts h ON h.id = s.host_id
                 WHERE h.name = 'vigil' AND s.metric = 'vigil_ingest_refused_samples' AND s.labels LIKE '%"source_host":"churn-01"%'"""));
        assertEquals(2, Sql.count(dataSource, """
                SELECT COUNT(*) FROM series s JOIN hosts h ON h.id = s.host_id
                 WHERE h.name = 'vigil' AND s.metric = 'vigil_ingest_refused_samples' AND s.labels LIKE '%"source_host":"churn-01"%'"""));
    }

    @Test
    void aQuietHostMayBringOneLargeBatchThenWaits() {
        String token = register("wide-01");
        assertEquals(202, send("wide-01", token, 0, 11).statusCode(), "the first batch of a quiet minute passes whatever its size");
        HttpResponse<String> next = send("wide-01", token, 11, 12);
        assertEquals(429, next.statusCode(), next.body());
        assertTrue(next.body().contains("created 11 new series in the last minute"), next.body());
    }
}
