package dev.vigil.ingest.dbstats;

import dev.vigil.core.job.JobRun;
import dev.vigil.core.job.JobRunRepository;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the console's database page reads besides db-stats: partitions and housekeeping runs, on MariaDB. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabasePageApiTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-db-page-0123";

    @Inject
    EmbeddedServer server;
    @Inject
    JobRunRepository runs;
    @Inject
    ConnectionOperations<Connection> connections;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Test
    void partitionsOfARangePartitionedTableAreListedInOrderWithTheCatchAllUnbounded() {
        connections.executeWrite(status -> {
            try (Statement st = status.getConnection().createStatement()) {
                st.execute("CREATE TABLE partitioned_probe (ts BIGINT NOT NULL, PRIMARY KEY (ts)) PARTITION BY RANGE (ts) ("
                        + "PARTITION p20261129 VALUES LESS THAN (1764460800000), PARTITION pmax VALUES LESS THAN MAXVALUE)");
                st.execute("INSERT INTO partitioned_probe VALUES (1764400000000), (1764500000000)");
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        ApiClient api = new ApiClient(server.getURI());
        assertEquals(401, api.get("/api/v1/db-stats/partitions", null).statusCode());
        HttpResponse<String> answer = api.get("/api/v1/db-stats/partitions", ADMIN);
        assertEquals(200, answer.statusCode(), answer.body());
        String body = answer.body();
        assertTrue(body.contains("\"table\":\"partitioned_probe\""), body);
        assertTrue(body.indexOf("\"name\":\"p20261129\",\"lessThan\":1764460800000") < body.indexOf("\"name\":\"pmax\",\"lessThan\":null"), body);
        assertTrue(body.contains("\"name\":\"pmax\",\"lessThan\":null"), body);
    }

    @Test
    void jobRunsNewestFirstFilteredByJobAndOutcomeAndReadableByAViewer() {
        runs.save(new JobRun(null, "housekeeping", 1_000, 1_250, true, "{\"durationMs\":250}"));
        runs.save(new JobRun(null, "housekeeping", 2_000, 2_100, false, "StorageException: disk full"));
        runs.save(new JobRun(null, "evaluate", 3_000, 3_010, true, null));
        ApiClient api = new ApiClient(server.getURI());

        HttpResponse<String> housekeeping = api.get("/api/v1/job-runs?job=housekeeping", ADMIN);
        assertEquals(200, housekeeping.statusCode(), housekeeping.body());
        String body = housekeeping.body();
        assertFalse(body.contains("\"job\":\"evaluate\""), body);
        assertTrue(body.indexOf("\"finishedAt\":2100") < body.indexOf("\"finishedAt\":1250"), "newest first: " + body);
        assertTrue(body.contains("\"durationMs\":250,\"ok\":true,\"details\":\"{\\\"durationMs\\\":250}\""), body);

        String failed = api.get("/api/v1/job-runs?job=housekeeping&ok=false", ADMIN).body();
        assertTrue(failed.contains("disk full") && !failed.contains("\"finishedAt\":1250"), failed);
        assertEquals(1, count(api.get("/api/v1/job-runs?limit=1", ADMIN).body(), "\"job\":"));

        HttpResponse<String> viewer = api.post("/api/v1/tokens", ADMIN, "{\"name\": \"wall\", \"role\": \"viewer\"}");
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(viewer.body());
        assertTrue(token.find(), viewer.body());
        assertEquals(200, api.get("/api/v1/job-runs", token.group(1)).statusCode());
        assertEquals(200, api.get("/api/v1/db-stats/partitions", token.group(1)).statusCode());

        HttpResponse<String> badLimit = api.get("/api/v1/job-runs?limit=9999", ADMIN);
        assertEquals(400, badLimit.statusCode());
        assertTrue(badLimit.body().contains("\"field\":\"limit\""), badLimit.body());
        assertEquals(400, api.get("/api/v1/job-runs?ok=maybe", ADMIN).statusCode());
        assertEquals(400, api.get("/api/v1/job-runs?job=DROP%20TABLE", ADMIN).statusCode());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
