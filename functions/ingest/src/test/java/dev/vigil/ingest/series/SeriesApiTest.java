package dev.vigil.ingest.series;

import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/series with a limit: cut answers say so in a header, out-of-range limits are a 400 naming the field. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeriesApiTest implements AdminApiTestProperties {

    static final String ADMIN = "series-admin-token-0123456789";

    @Inject
    EmbeddedServer server;

    ApiClient api;
    long now;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @BeforeAll
    void fiveSeries() {
        api = new ApiClient(server.getURI());
        String token = api.registerHost("app-01", ADMIN);
        now = System.currentTimeMillis();
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            samples.append(i == 0 ? "" : ",").append("{\"metric\":\"app_latency_ms\",\"labels\":{\"route\":\"r")
                    .append(i).append("\"},\"ts\":").append(now).append(",\"value\":").append(i).append('}');
        }
        HttpResponse<String> sent = api.post("/api/v1/samples", token, "{\"host\":\"app-01\",\"samples\":[" + samples + "]}");
        assertEquals(202, sent.statusCode(), sent.body());
    }

    @Test
    void aLimitCutsTheAnswerAndTheHeaderSaysSo() {
        HttpResponse<String> cut = api.get("/api/v1/series?host=app-01&limit=2", ADMIN);
        assertEquals(200, cut.statusCode(), cut.body());
        assertEquals(2, cut.body().split("\"metric\"").length - 1, cut.body());
        assertEquals("true", cut.headers().firstValue(SeriesController.TRUNCATED_HEADER).orElseThrow());
        assertEquals("2", cut.headers().firstValue(SeriesController.LIMIT_HEADER).orElseThrow());

        HttpResponse<String> whole = api.get("/api/v1/series?host=app-01", ADMIN);
        assertEquals(5, whole.body().split("\"metric\"").length - 1, whole.body());
        assertEquals("false", whole.headers().firstValue(SeriesController.TRUNCATED_HEADER).orElseThrow());
        assertEquals("1000", whole.headers().firstValue(SeriesController.LIMIT_HEADER).orElseThrow());
    }

    @Test
    void limitsOutsideTheRangeAreA400NamingTheField() {
        for (String limit : new String[]{"0", "10001", "-3", "many"}) {
            HttpResponse<String> refused = api.get("/api/v1/series?host=app-01&limit=" + limit, ADMIN);
            assertEquals(400, refused.statusCode(), limit + ": " + refused.body());
            assertTrue(refused.body().contains("\"field\":\"limit\""), refused.body());
        }
    }
}
