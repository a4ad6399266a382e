package dev.vigil.ingest.dbstats;

import dev.vigil.core.host.SelfHost;
import dev.vigil.core.retention.DatabaseSizeReport;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.AdminApiTestProperties;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database report over HTTP against a real MySQL-compatible database. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DbStatsControllerTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-0123456789";

    @Inject
    EmbeddedServer server;
    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchWriter writer;
    @Inject
    Clock clock;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Test
    void reportsSizesPerTableAndGrowthFromEarlierSizeSamples() {
        ApiClient api = new ApiClient(server.getURI());
        assertEquals(401, api.get("/api/v1/db-stats", null).statusCode());

        HttpResponse<String> first = api.get("/api/v1/db-stats", ADMIN);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"table\":\"samples\""), first.body());
        assertTrue(first.body().contains("\"totalBytes\":"), first.body());
        assertTrue(!first.body().contains("growthBytesPerDay\":"), "no growth without history: " + first.body());

        // a size sample from a day ago, as housekeeping would have stored it
        String schema = first.body().replaceAll(".*\"schema\":\"([^\"]+)\".*", "$1");
        int vigil = hosts.register(SelfHost.NAME).orElseThrow().host().id();
        writer.write(vigil, List.of(new Sample(DatabaseSizeReport.DATABASE_SIZE_METRIC, Map.of("schema", schema),
                clock.millis() - Duration.ofDays(1).toMillis(), 0)));
        HttpResponse<String> second = api.get("/api/v1/db-stats", ADMIN);
        assertTrue(second.body().contains("\"growthBytesPerDay\":"), second.body());
    }
}
