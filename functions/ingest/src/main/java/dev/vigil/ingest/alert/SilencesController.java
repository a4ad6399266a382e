package dev.vigil.ingest.alert;

import dev.vigil.ingest.audit.AuditTrail;
import jakarta.inject.Inject;
import dev.vigil.core.silence.Silence;
import dev.vigil.core.silence.SilenceService;
import dev.vigil.ingest.admin.AdminLimits;
import dev.vigil.ingest.admin.JsonBodies;
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
import java.util.regex.Pattern;

/**
 * Silences (admin token). A body with {@code cron} and {@code durationMs} is a recurring maintenance
 * window, e.g. {@code {"matchers": {"host": "db-01"}, "cron": "0 2 * * SUN", "durationMs": 7200000}}.
 */
@Controller("/api/v1/silences")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SilencesController {

    private static final Set<String> FIELDS = Set.of("matchers", "startsAt", "endsAt", "comment", "cron", "durationMs",
            "createdBy");

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final ApiAuth auth;
    private final SilenceService silences;
    private final RequestBodies requestBodies;
    private final JsonBodies bodies;
    @Inject
    AuditTrail audit;

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
        var caller = auth.requireAdmin(authorization);
        Map<String, Object> o = bodies.object(requestBodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        JsonBodies.onlyFields(o, FIELDS);
        if (o.get("matchers") == null) {
            throw ApiException.badRequest("matchers is required", "matchers");
        }
        Map<String, String> matchers = matchers(o.get("matchers"));
        Object duration = o.get("durationMs");
        if (duration != null && !(duration instanceof Number)) {
            throw ApiException.badRequest("durationMs must be a number of milliseconds", "durationMs");
        }
        try {
            Silence created = silences.create(new SilenceService.Request(
                    matchers,
                    JsonBodies.instant(o.get("startsAt"), "startsAt"),
                    JsonBodies.instant(o.get("endsAt"), "endsAt"),
                    JsonBodies.string(o.get("cron"), "cron", AdminLimits.SILENCE_CRON),
                    duration == null ? null : ((Number) duration).longValue(),
                    JsonBodies.string(o.get("comment"), "comment", AdminLimits.SILENCE_COMMENT),
                    JsonBodies.string(o.get("createdBy"), "createdBy", AdminLimits.SILENCE_CREATED_BY)));
            audit.record(caller, "silence.create", "silence " + created.id(), null, created);
            return HttpResponse.created(created);
        } catch (SilenceService.InvalidSilenceException e) {
            throw ApiException.badRequest(e.getMessage(), e.field());
        }
    }

    /**
     * Exact matchers on {@code host}, {@code rule}/{@code alertname}, {@code severity}, an alert label or a
     * host label: any label name is accepted, so host labels ({@code team}) work like alert labels.
     */
    private static Map<String, String> matchers(Object raw) {
        Map<String, String> matchers = JsonBodies.stringMap(raw, "matchers");
        if (matchers.size() > AdminLimits.SILENCE_MATCHERS) {
            throw ApiException.badRequest("at most " + AdminLimits.SILENCE_MATCHERS + " matchers per silence (got "
                    + matchers.size() + ")", "matchers");
        }
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            String field = "matchers." + m.getKey();
            JsonBodies.text(m.getKey(), field, AdminLimits.MATCHER_NAME);
            if (!LABEL_NAME.matcher(m.getKey()).matches()) {
                throw ApiException.badRequest("matcher name must be a label name ([a-zA-Z_][a-zA-Z0-9_]*)", field);
            }
            JsonBodies.text(m.getValue(), field, AdminLimits.MATCHER_VALUE);
        }
        return matchers;
    }

    @Get
    public List<Silence> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        return silences.listCurrent();
    }

    @Delete("/{id}")
    public HttpResponse<Void> expire(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                     @PathVariable String id) {
        var caller = auth.requireAdmin(authorization);
        long silenceId;
        try {
            silenceId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("silence id must be a number", "id");
        }
        Silence before = silences.find(silenceId).orElse(null);
        if (!silences.expire(silenceId)) {
            throw ApiException.notFound("no silence with id " + silenceId);
        }
        audit.record(caller, "silence.expire", "silence " + silenceId, before, silences.find(silenceId).orElse(null));
        return HttpResponse.noContent();
    }
}
