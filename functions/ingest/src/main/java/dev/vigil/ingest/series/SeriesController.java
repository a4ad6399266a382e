package dev.vigil.ingest.series;

import dev.vigil.core.query.SeriesPoints;
import dev.vigil.core.query.SeriesRangeQuery;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
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

    /** Set to "true" when more series matched than {@code limit}: the answer holds the first ones by host, metric, labels. */
    public static final String TRUNCATED_HEADER = "X-Vigil-Series-Truncated";
    /** The series limit that applied to the answer. */
    public static final String LIMIT_HEADER = "X-Vigil-Series-Limit";

    @Get
    public HttpResponse<List<SeriesPoints>> series(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                                   @QueryValue @Nullable String host,
                                                   @QueryValue @Nullable String metric,
                                                   @QueryValue @Nullable String from,
                                                   @QueryValue @Nullable String to,
                                                   @QueryValue @Nullable String step,
                                                   @QueryValue @Nullable String limit) {
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
        int maxSeries = limit == null ? SeriesRangeQuery.DEFAULT_SERIES_LIMIT : (int) Math.min(Integer.MAX_VALUE, number(limit, "limit"));
        if (maxSeries < 1 || maxSeries > SeriesRangeQuery.MAX_SERIES_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + SeriesRangeQuery.MAX_SERIES_LIMIT
                    + " series, got " + limit, "limit");
        }
        try {
            SeriesRangeQuery.SeriesPage page = query.page(new SeriesRangeQuery.Selector(host, metric, start, end, stepMillis, maxSeries));
            return HttpResponse.ok(page.series())
                    .header(TRUNCATED_HEADER, Boolean.toString(page.truncated()))
                    .header(LIMIT_HEADER, Integer.toString(maxSeries));
        } catch (SeriesRangeQuery.TooManyPointsException e) {
            throw ApiException.badRequest(e.getMessage(), "step");
        }
    }

    private static long number(String value, String field) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field + ("limit".equals(field) ? " must be a whole number" : " must be epoch milliseconds")
                    + ", got '" + value + "'", field);
        }
    }
}
