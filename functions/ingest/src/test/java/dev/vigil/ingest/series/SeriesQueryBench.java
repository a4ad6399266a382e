package dev.vigil.ingest.series;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.testing.TestDatabase;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GET /api/v1/series over HTTP for one metric of 50,000 series (10 points each in the last hour):
 * answer time and size at the default limit and at the maximum. Not a unit test (no *Test suffix):
 * run with {@code mvn -pl functions/ingest -am test -Dtest=SeriesQueryBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesQueryBench implements TestPropertyProvider {

    static final int SERIES = 50_000;
    static final String ADMIN = "bench-admin-token-0123456789";

    @Inject
    EmbeddedServer server;
    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchWriter writer;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(TestDatabase.freshMysql());
        props.put("vigil.admin-token", ADMIN);
        props.put("vigil.ingest.limits.enabled", "false");
        return props;
    }

    @Test
    void measure() throws IOException {
        int host = hosts.register("wide-01").orElseThrow().host().id();
        long now = System.currentTimeMillis();
        for (int from = 0; from < SERIES; from += 1_000) {
            List<Sample> batch = new ArrayList<>();
            for (int i = from; i < from + 1_000; i++) {
                for (int p = 0; p < 10; p++) {
                    batch.add(new Sample("app_requests", Map.of("route", "r" + i), now - 60_000L * (p + 1), p));
                }
            }
            writer.write(host, batch);
        }
        ApiClient api = new ApiClient(server.getURI());
        StringBuilder report = new StringBuilder(String.format("GET /api/v1/series, one metric of %,d series x 10 points, local MariaDB%n", SERIES));
        for (String limit : new String[]{"", "&limit=10000", "", "&limit=10000"}) {
            long start = System.nanoTime();
            HttpResponse<String> r = api.get("/api/v1/series?host=wide-01&metric=app_requests" + limit, ADMIN);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, r.statusCode(), r.body());
            report.append(String.format("limit %-6s %6d ms  %,10d bytes  truncated=%s%n", limit.isEmpty() ? "1000" : "10000", ms,
                    r.body().length(), r.headers().firstValue(SeriesController.TRUNCATED_HEADER).orElse("?")));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "series-query.txt"), report);
    }
}
