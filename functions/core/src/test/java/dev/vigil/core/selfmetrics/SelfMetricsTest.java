package dev.vigil.core.selfmetrics;

import dev.vigil.core.sample.Sample;
import dev.vigil.core.time.AdjustableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The figures of one interval: rates per minute, the error share, the p95, and nothing a function did not see. */
class SelfMetricsTest {

    final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-30T10:00:00Z"));

    SelfMetrics metrics(List<SelfMetricSource> sources) {
        return new SelfMetrics(null, null, sources, new SelfMetricsProperties(), clock);
    }

    @Test
    void apiTrafficOverHalfAMinuteBecomesRatesPerMinuteAShareOfServerErrorsAndAP95() {
        SelfMetrics metrics = metrics(List.of());
        for (int i = 1; i <= 100; i++) {
            int status = i <= 80 ? 202 : i <= 90 ? 401 : i <= 95 ? 429 : 503;
            metrics.apiRequest(status, i * 1_000L, true);
        }
        clock.advance(Duration.ofSeconds(30));
        Map<String, Double> figures = byName(metrics.drain(clock.millis()));

        assertEquals(160.0, figures.get("vigil_api_requests_per_minute{status_class=2xx}"));
        assertEquals(30.0, figures.get("vigil_api_requests_per_minute{status_class=4xx}"));
        assertEquals(10.0, figures.get("vigil_api_errors_per_minute{status_class=5xx}"));
        assertEquals(5.0, figures.get("vigil_api_error_percent{}"));
        assertEquals(20.0, figures.get("vigil_api_refusals_per_minute{status=401}"));
        assertEquals(10.0, figures.get("vigil_api_refusals_per_minute{status=429}"));
        assertEquals(40.0, figures.get("vigil_ingest_rejected_per_minute{}"));
        assertEquals(0.095, figures.get("vigil_api_latency_p95_seconds{}"), 1e-12);

        clock.advance(Duration.ofMinutes(1));
        Map<String, Double> quiet = byName(metrics.drain(clock.millis()));
        assertEquals(0.0, quiet.get("vigil_api_requests_per_minute{status_class=2xx}"), "counts start again each interval");
        assertTrue(!quiet.containsKey("vigil_api_latency_p95_seconds{}"), "no p95 without requests");
    }

    @Test
    void aFunctionWithoutHttpWritesOnlyItsRunsAndItsSources() {
        SelfMetrics metrics = metrics(List.of(now -> List.of(new Sample(SelfMetrics.OUTBOX_DEPTH, Map.of(), now, 3))));
        metrics.jobRan("evaluate", 1_200, true);
        metrics.jobRan("evaluate", 800, false);
        Map<String, Double> figures = byName(metrics.drain(clock.millis()));
        assertEquals(Map.of("vigil_job_run_seconds{job=evaluate}", 1.2, "vigil_job_failures{job=evaluate}", 1.0,
                "vigil_outbox_depth{}", 3.0), figures);
        assertEquals(Map.of("vigil_outbox_depth{}", 3.0), byName(metrics.drain(clock.millis())), "runs are counted once");
    }

    private static Map<String, Double> byName(List<Sample> samples) {
        Map<String, Double> out = new TreeMap<>();
        for (Sample s : samples) {
            out.put(s.metric() + new TreeMap<>(s.labels()).toString().replace(" ", ""), s.value());
        }
        return out;
    }
}
