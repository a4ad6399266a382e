package dev.vigil.ingest.jobrun;

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

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/job-runs?job=&ok=&limit=} (viewer or admin): the newest recorded runs of the scheduled
 * jobs ({@code evaluate}, {@code notify}, {@code housekeeping}, {@code maintenance}), newest first.
 */
@Controller("/api/v1/job-runs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobRunsController {

    /** {@code job_runs.job} is VARCHAR(32). */
    private static final Pattern JOB = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final ApiAuth auth;
    private final JobRunHistory history;

    JobRunsController(ApiAuth auth, JobRunHistory history) {
        this.auth = auth;
        this.history = history;
    }

    @Get
    public List<JobRunView> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                 @QueryValue @Nullable String job, @QueryValue @Nullable String ok,
                                 @QueryValue @Nullable String limit) {
        auth.requireRead(authorization);
        return history.list(blank(job) ? null : job(job), blank(ok) ? null : ok(ok),
                blank(limit) ? JobRunHistory.DEFAULT_LIMIT : limit(limit));
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static String job(String job) {
        String j = job.trim().toLowerCase(Locale.ROOT);
        if (!JOB.matcher(j).matches()) {
            throw ApiException.badRequest("job must be a job name such as housekeeping, maintenance, evaluate or notify", "job");
        }
        return j;
    }

    private static boolean ok(String ok) {
        return switch (ok.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("ok must be true or false", "ok");
        };
    }

    private static int limit(String limit) {
        long n = QueryParams.positiveLong(limit, "limit", "a number of runs");
        if (n > JobRunHistory.MAX_LIMIT) {
            throw ApiException.badRequest("limit is at most " + JobRunHistory.MAX_LIMIT, "limit");
        }
        return (int) n;
    }
}
