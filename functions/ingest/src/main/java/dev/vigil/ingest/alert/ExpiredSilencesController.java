package dev.vigil.ingest.alert;

import dev.vigil.core.silence.Silence;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.notification.QueryParams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.List;

/**
 * {@code GET /api/v1/silences/expired?limit=} (viewer or admin): the silences {@code GET /api/v1/silences} no longer
 * lists (expired by hand, or past their end), most recently ended first, so the console can show what muted what.
 */
@Controller("/api/v1/silences/expired")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExpiredSilencesController {

    private final ApiAuth auth;
    private final ExpiredSilences expired;
    private final Clock clock;

    ExpiredSilencesController(ApiAuth auth, ExpiredSilences expired, Clock clock) {
        this.auth = auth;
        this.expired = expired;
        this.clock = clock;
    }

    @Get
    public List<Silence> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                              @QueryValue @Nullable String limit) {
        auth.requireRead(authorization);
        int n = ExpiredSilences.DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            long l = QueryParams.positiveLong(limit, "limit", "a number of silences");
            if (l > ExpiredSilences.MAX_LIMIT) {
                throw ApiException.badRequest("limit is at most " + ExpiredSilences.MAX_LIMIT, "limit");
            }
            n = (int) l;
        }
        return expired.list(clock.millis(), n);
    }
}
