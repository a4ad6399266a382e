package dev.vigil.ingest.audit;

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
 * {@code GET /api/v1/audit?since=&who=&what=&limit=} (admin token: the trail names every token holder):
 * changes made through the API, newest first, at most {@code limit} (default 100, at most 1,000).
 */
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    private final ApiAuth auth;
    private final AuditTrail trail;
    private final Clock clock;

    AuditController(ApiAuth auth, AuditTrail trail, Clock clock) {
        this.auth = auth;
        this.trail = trail;
        this.clock = clock;
    }

    @Get
    public List<AuditEntry> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                 @QueryValue @Nullable String since, @QueryValue @Nullable String who,
                                 @QueryValue @Nullable String what, @QueryValue @Nullable String limit) {
        auth.requireAdmin(authorization);
        return trail.list(new AuditTrail.Query(
                blank(since) ? null : QueryParams.since(since, "since", clock.millis()),
                blank(who) ? null : text(who, "who", AuditTrail.MAX_WHO),
                blank(what) ? null : text(what, "what", AuditTrail.MAX_WHAT),
                blank(limit) ? AuditTrail.DEFAULT_LIMIT : limit(limit)));
    }

    private static int limit(String raw) {
        long n = QueryParams.positiveLong(raw, "limit", "a number of entries");
        if (n > AuditTrail.MAX_LIMIT) {
            throw ApiException.badRequest("limit is at most " + AuditTrail.MAX_LIMIT, "limit");
        }
        return (int) n;
    }

    private static String text(String raw, String name, int max) {
        String s = raw.trim();
        if (s.length() > max) {
            throw ApiException.badRequest(name + " is at most " + max + " characters", name);
        }
        return s;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
