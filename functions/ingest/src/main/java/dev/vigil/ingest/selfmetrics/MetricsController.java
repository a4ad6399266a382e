package dev.vigil.ingest.selfmetrics;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.selfmetrics.SelfMetrics;
import dev.vigil.ingest.auth.ApiAuth;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /metrics} (viewer or admin token, {@code Authorization: Bearer}): Vigil's own figures in the
 * Prometheus text exposition format (0.0.4), so an existing Prometheus can scrape Vigil. They are the latest
 * values of host {@code vigil}'s series, which every function writes about once a minute, so one scrape of
 * any ingest instance shows evaluate's and notify's figures too. Each series is a gauge without timestamp.
 */
@Controller("/metrics")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MetricsController {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ApiAuth auth;
    private final HostRegistry hosts;
    private final LatestValueQuery latest;

    MetricsController(ApiAuth auth, HostRegistry hosts, LatestValueQuery latest) {
        this.auth = auth;
        this.hosts = hosts;
        this.latest = latest;
    }

    @Get
    public HttpResponse<String> scrape(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        List<SeriesValue> series = hosts.findActive(SelfMetrics.HOST).map(h -> latest.forHost(h.id())).orElse(List.of());
        return HttpResponse.ok(render(series)).header(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
    }

    static String render(List<SeriesValue> series) {
        StringBuilder out = new StringBuilder();
        String family = null;
        List<SeriesValue> sorted = series.stream()
                .sorted(Comparator.comparing(SeriesValue::metric).thenComparing(s -> new TreeMap<>(s.labels()).toString()))
                .toList();
        for (SeriesValue s : sorted) {
            if (!s.metric().equals(family)) {
                family = s.metric();
                out.append("# HELP ").append(family).append(" Vigil's own figure, as stored for host vigil.\n");
                out.append("# TYPE ").append(family).append(" gauge\n");
            }
            out.append(s.metric());
            if (!s.labels().isEmpty()) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, String> l : new TreeMap<>(s.labels()).entrySet()) {
                    out.append(first ? "" : ",").append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
                    first = false;
                }
                out.append('}');
            }
            out.append(' ').append(number(s.value())).append('\n');
        }
        return out.toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
