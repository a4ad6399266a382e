package dev.vigil.ingest.alert;

import dev.vigil.core.alert.Silence;
import dev.vigil.core.alert.SilenceService;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.sample.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Silences (admin token). A body with {@code cron} and {@code durationMs} is a recurring maintenance
 * window, e.g. {@code {"matchers": {"host": "db-01"}, "cron": "0 2 * * SUN", "durationMs": 7200000}}.
 */
@Controller("/api/v1/silences")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SilencesController {

    private static final Set<String> FIELDS = Set.of("matchers", "startsAt", "endsAt", "comment", "cron", "durationMs",
            "createdBy");

    private final ApiAuth auth;
    private final SilenceService silences;
    private final RequestBodies requestBodies;
    private final JsonBodies bodies;

    SilencesController(ApiAuth auth, SilenceService silences, RequestBodies requestBodies, JsonBodies bodies) {
        this.auth = auth;
        this.silences = silences;
        this.requestBodies = requestBodies;
        this.bodies = bodies;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<Silence> create(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                        @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                        @Body @Nullable byte[] body) {
        auth.requireAdmin(authorization);
        Map<String, Object> o = bodies.object(requestBodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        for (String key : o.keySet()) {
            if (!FIELDS.contains(key)) {
                throw ApiException.badRequest("unknown field", key);
            }
        }
        if (o.get("matchers") == null) {
            throw ApiException.badRequest("matchers is required", "matchers");
        }
        Object duration = o.get("durationMs");
        if (duration != null && !(duration instanceof Number)) {
            throw ApiException.badRequest("durationMs must be a number of milliseconds", "durationMs");
        }
        try {
            return HttpResponse.created(silences.create(new SilenceService.Request(
                    JsonBodies.stringMap(o.get("matchers"), "matchers"),
                    JsonBodies.instant(o.get("startsAt"), "startsAt"),
                    JsonBodies.instant(o.get("endsAt"), "endsAt"),
                    JsonBodies.string(o.get("cron"), "cron"),
                    duration == null ? null : ((Number) duration).longValue(),
                    JsonBodies.string(o.get("comment"), "comment"),
                    JsonBodies.string(o.get("createdBy"), "createdBy"))));
        } catch (SilenceService.InvalidSilenceException e) {
            throw ApiException.badRequest(e.getMessage(), e.field());
        }
    }

    @Get
    public List<Silence> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireAdmin(authorization);
        return silences.listCurrent();
    }

    @Delete("/{id}")
    public HttpResponse<Void> expire(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                     @PathVariable String id) {
        auth.requireAdmin(authorization);
        long silenceId;
        try {
            silenceId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("silence id must be a number", "id");
        }
        if (!silences.expire(silenceId)) {
            throw ApiException.notFound("no silence with id " + silenceId);
        }
        return HttpResponse.noContent();
    }
}
