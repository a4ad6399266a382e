package dev.vigil.ingest.selfmetrics;

import dev.vigil.core.selfmetrics.SelfMetrics;
import dev.vigil.ingest.AdminApiTestProperties;
import dev.vigil.ingest.ApiClient;
import dev.vigil.ingest.JsonAnswers;
import dev.vigil.ingest.auth.AuthFailureThrottle;
import dev.vigil.ingest.format.prometheus.PromExposition;
import dev.vigil.ingest.format.prometheus.PromSample;
import dev.vigil.ingest.format.prometheus.PrometheusTextParser;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Given some API traffic (accepted, refused for a bad token, a viewer's change, a rate limit, a bad batch),
 * Vigil's own figures appear as samples of host vigil after a flush, GET /metrics serves the same figures as
 * Prometheus text that Vigil's parser and promtool both accept, and each refusal is logged with address, path
 * and reason but never the token.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfMetricsApiTest implements AdminApiTestProperties {

    static final String ADMIN = "test-admin-token-self-metrics";
    static final String WRONG_TOKEN = "wrong-token-Zq9xV3kP7mN2";
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    SelfMetrics selfMetrics;

    ApiClient api;
    JsonAnswers answers;
    String hostToken;
    String viewer;

    @Override
    public String adminToken() {
        return ADMIN;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(AdminApiTestProperties.super.getProperties());
        props.put("vigil.ingest.rate-limit.samples-per-second", "0.01");
        props.put("vigil.ingest.rate-limit.burst", "1");
        props.put("vigil.auth.throttle.max-failures", "1000");
        return props;
    }

    @BeforeAll
    void setUp() {
        api = new ApiClient(server.getURI());
        answers = new JsonAnswers(json);
        hostToken = api.registerHost("self-01", ADMIN);
        viewer = answers.object(api.post("/api/v1/tokens", ADMIN, "{\"name\": \"self-viewer\", \"role\": \"viewer\"}")).get("token").toString();
    }

    @Test
    void trafficBecomesSamplesOfHostVigilAndMetricsServesThemAsPrometheusText() throws Exception {
        assertEquals(202, samples().statusCode());
        assertEquals(429, samples().statusCode());
        assertEquals(400, api.post("/api/v1/samples", hostToken, "{\"host\": \"self-01\", \"samples\": 5}").statusCode());
        assertEquals(200, api.get("/api/v1/hosts", ADMIN).statusCode());
        assertEquals(401, api.get("/api/v1/hosts", WRONG_TOKEN).statusCode());
        assertEquals(403, api.post("/api/v1/hosts", viewer, "{\"name\": \"x-01\"}").statusCode());

        selfMetrics.flush();

        Map<String, Double> latest = new TreeMap<>();
        for (Map<String, Object> s : answers.list(api.get("/api/v1/hosts/" + SelfMetrics.HOST + "/latest", ADMIN))) {
            latest.put(s.get("metric") + "" + new TreeMap<>((Map<?, ?>) s.get("labels")), ((Number) s.get("value")).doubleValue());
        }
        assertTrue(latest.get("vigil_api_requests_per_minute{status_class=2xx}") > 0, latest.toString());
        assertTrue(latest.get("vigil_api_requests_per_minute{status_class=4xx}") > 0, latest.toString());
        assertTrue(latest.get("vigil_api_errors_per_minute{status_class=4xx}") > 0, latest.toString());
        assertEquals(0.0, latest.get("vigil_api_errors_per_minute{status_class=5xx}"), latest.toString());
        assertEquals(0.0, latest.get("vigil_api_error_percent{}"), latest.toString());
        assertTrue(latest.get("vigil_api_refusals_per_minute{status=401}") > 0, latest.toString());
        assertTrue(latest.get("vigil_api_refusals_per_minute{status=403}") > 0, latest.toString());
        assertTrue(latest.get("vigil_api_refusals_per_minute{status=429}") > 0, latest.toString());
        assertTrue(latest.get("vigil_ingest_rejected_per_minute{}") > 0, latest.toString());
        assertTrue(latest.get("vigil_api_latency_p95_seconds{}") > 0, latest.toString());

        assertEquals(401, api.get("/metrics", null).statusCode());
        assertEquals(401, api.get("/metrics", WRONG_TOKEN).statusCode());
        assertEquals(403, api.get("/metrics", hostToken).statusCode());
        HttpResponse<String> scrape = api.get("/metrics", viewer);
        assertEquals(200, scrape.statusCode(), scrape.body());
        assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), scrape.headers().toString());
        PromExposition exposition = new PrometheusTextParser(10_000).parse(scrape.body().getBytes(StandardCharsets.UTF_8));
        Map<String, Double> scraped = exposition.samples().stream().collect(Collectors.toMap(
                s -> s.name() + new TreeMap<>(s.labels()), PromSample::value, (a, b) -> a, TreeMap::new));
        assertEquals(latest, scraped, "GET /metrics shows the stored figures");
        assertTrue(exposition.types().values().stream().allMatch("gauge"::equals), exposition.types().toString());
        assertEquals(200, api.get("/metrics", ADMIN).statusCode());
        promtoolAccepts(scrape.body());
    }

    @Test
    void refusalsAreLoggedWithAddressPathAndReasonButNeverTheToken() {
        try (LoggerCapture log = new LoggerCapture(ApiTrafficFilter.class, AuthFailureThrottle.class)) {
            assertEquals(401, api.get("/api/v1/tokens", WRONG_TOKEN).statusCode());
            assertEquals(401, api.get("/api/v1/tokens", null).statusCode());
            assertEquals(403, api.delete("/api/v1/hosts/self-01", viewer).statusCode());
            assertEquals(401, api.get("/api/v1/overview?p=" + WRONG_TOKEN, null).statusCode());

            List<String> lines = log.lines();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO Authentication failed from 127.0.0.1: GET /api/v1/tokens: invalid or revoked token")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.equals("INFO Refused GET /api/v1/tokens from 127.0.0.1: 401 missing Authorization: Bearer <token> header")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("INFO Refused DELETE /api/v1/hosts/self-01 from 127.0.0.1: 403 viewer tokens may read but not change anything")), lines.toString());
            for (String line : lines) {
                assertFalse(line.contains(WRONG_TOKEN) || line.contains(viewer) || line.contains(ADMIN), line);
            }
            assertEquals(1, lines.stream().filter(l -> l.contains("GET /api/v1/tokens") && l.contains("invalid or revoked")).count(),
                    "a refused token is logged once, not by both the throttle and the refusal log: " + lines);
        }
    }

    private HttpResponse<String> samples() {
        return api.post("/api/v1/samples", hostToken, "{\"host\": \"self-01\", \"samples\": [{\"metric\": \"load1\", \"value\": 1}, "
                + "{\"metric\": \"load5\", \"value\": 1}]}");
    }

    private static void promtoolAccepts(String exposition) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROMTOOL)) {
            fail(PROMTOOL + " is missing: apt-get install -y --no-install-recommends prometheus");
        }
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), "promtool check metrics: " + out + "\n" + exposition);
    }
}
