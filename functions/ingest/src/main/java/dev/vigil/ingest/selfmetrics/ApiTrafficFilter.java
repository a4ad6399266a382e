package dev.vigil.ingest.selfmetrics;

import dev.vigil.core.selfmetrics.SelfMetrics;
import dev.vigil.ingest.auth.AuthThrottleFilter;
import dev.vigil.ingest.auth.AuthThrottleProperties;
import dev.vigil.ingest.auth.ClientAddress;
import dev.vigil.ingest.error.ApiError;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;

/**
 * Counts every answered API request for Vigil's own figures (status class, latency, ingest writes refused) and
 * logs each refusal, 401, 403 and 429, at INFO with the client address, method, path and reason; never a
 * token, never the query string (InfluxDB v1 clients put the password there). A 401 to a request that carried a
 * credential, and a 429 from an address the authentication throttle blocks, are already logged by the throttle
 * (with its failure counts), so they are counted here but not logged twice. Runs outermost, so it also sees
 * answers other filters give before any controller runs.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ApiTrafficFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTrafficFilter.class);
    private static final String STARTED = "vigil.self-metrics.started";
    private static final String INFLUX_PASSWORD_PARAM = "p";
    private static final int MAX_LOGGED_PATH = 200;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** A flood of refusals (an agent hammering with a revoked token) must not become a flood of log lines. */
    static final int MAX_LOGGED_PER_MINUTE = 120;

    private final SelfMetrics metrics;
    private final AuthThrottleProperties throttle;
    private long logMinute;
    private int loggedThisMinute;
    private int suppressedThisMinute;

    ApiTrafficFilter(SelfMetrics metrics, AuthThrottleProperties throttle) {
        this.metrics = metrics;
        this.throttle = throttle;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    public void answered(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long micros = request.getAttribute(STARTED, Long.class).map(t -> (System.nanoTime() - t) / 1_000).orElse(0L);
        int status = response.code();
        String path = request.getPath();
        metrics.apiRequest(status, micros, path.startsWith("/api/v1/samples") || path.startsWith("/api/v1/write"));
        if ((status == 401 || status == 403 || status == 429) && !loggedByThrottle(request, status)) {
            logRefusal(request, status, response.getBody(ApiError.class).map(ApiError::error).orElse("refused"));
        }
    }

    private boolean loggedByThrottle(HttpRequest<?> request, int status) {
        if (status == 429) {
            return request.getAttribute(AuthThrottleFilter.BLOCKED_ATTRIBUTE).isPresent();
        }
        return status == 401 && throttle.isEnabled() && (request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getParameters().contains(INFLUX_PASSWORD_PARAM));
    }

    private void logRefusal(HttpRequest<?> request, int status, String reason) {
        long minute = System.currentTimeMillis() / 60_000;
        int suppressed = 0;
        synchronized (this) {
            if (minute != logMinute) {
                suppressed = suppressedThisMinute;
                logMinute = minute;
                loggedThisMinute = 0;
                suppressedThisMinute = 0;
            }
            if (loggedThisMinute >= MAX_LOGGED_PER_MINUTE) {
                suppressedThisMinute++;
                return;
            }
            loggedThisMinute++;
        }
        if (suppressed > 0) {
            LOG.info("{} more refusals in the previous minute were counted but not logged", suppressed);
        }
        LOG.info("Refused {} from {}: {} {}", describe(request), ClientAddress.of(request, throttle.isTrustForwardedFor()),
                status, CONTROL.matcher(reason).replaceAll("?"));
    }

    /** Method and path only (the query string can hold a token), cut, on one line. */
    private static String describe(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.length() > MAX_LOGGED_PATH) {
            path = path.substring(0, MAX_LOGGED_PATH) + "...";
        }
        return request.getMethodName() + " " + CONTROL.matcher(path).replaceAll("?");
    }
}
