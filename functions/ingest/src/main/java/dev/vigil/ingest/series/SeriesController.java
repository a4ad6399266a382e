package dev.vigil.ingest.series;

import dev.vigil.core.query.SeriesPoints;
import dev.vigil.core.query.SeriesRangeQuery;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

@Controller("/api/v1/series")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SeriesController {

    /** Without from/to the last hour is answered, like a dashboard's default range. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final ApiAuth auth;
    private final SeriesRangeQuery query;
    private final Clock clock;

    public SeriesController(ApiAuth auth, SeriesRangeQuery query, Clock clock) {
        this.auth = auth;
        this.query = query;
        this.clock = clock;
    }

    @Get
    public List<SeriesPoints> series(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                     @QueryValue @Nullable String host,
                                     @QueryValue @Nullable String metric,
                                     @QueryValue @Nullable String from,
                                     @QueryValue @Nullable String to,
                                     @QueryValue @Nullable String step) {
        auth.requireRead(authorization);
        if (host == null && metric == null) {
            throw ApiException.badRequest("give host, metric or both", "metric");
        }
        long end = to == null ? clock.millis() : number(to, "to");
        long start = from == null ? end - DEFAULT_RANGE.toMillis() : number(from, "from");
        long stepMillis = step == null ? 0 : number(step, "step");
        if (start > end) {
            throw ApiException.badRequest("from must not be after to", "from");
        }
        if (stepMillis < 0) {
            throw ApiException.badRequest("step must be positive (milliseconds)", "step");
        }
        try {
            return query.find(new SeriesRangeQuery.Selector(host, metric, start, end, stepMillis));
        } catch (SeriesRangeQuery.TooManyPointsException e) {
            throw ApiException.badRequest(e.getMessage(), "step");
        }
    }

    private static long number(String value, String field) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field + " must be epoch milliseconds, got '" + value + "'", field);
        }
    }
}
