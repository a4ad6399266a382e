package dev.vigil.ingest.maintenance;

import dev.vigil.core.host.HostRegistry;
import dev.vigil.ingest.admin.AdminLimits;
import dev.vigil.ingest.admin.JsonBodies;
import dev.vigil.ingest.audit.AuditTrail;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.auth.ApiCaller;
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

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/hosts/{name}/maintenance {"until", "comment"}} (admin) mutes the host until then;
 * {@code GET} shows it (404 when the host is not in maintenance); {@code DELETE} ends it early.
 */
@Controller("/api/v1/hosts/{name}/maintenance")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MaintenanceController {

    private static final Set<String> FIELDS = Set.of("until", "comment");
    /** The silence's comment holds the prefix too. */
    static final int MAX_COMMENT = AdminLimits.SILENCE_COMMENT - MaintenanceService.COMMENT_PREFIX.length();

    private final ApiAuth auth;
    private final HostRegistry hosts;
    private final MaintenanceService maintenance;
    private final AuditTrail audit;
    private final RequestBodies requestBodies;
    private final JsonBodies bodies;
    private final Clock clock;

    MaintenanceController(ApiAuth auth, HostRegistry hosts, MaintenanceService maintenance, AuditTrail audit,
                          RequestBodies requestBodies, JsonBodies bodies, Clock clock) {
        this.auth = auth;
        this.hosts = hosts;
        this.maintenance = maintenance;
        this.audit = audit;
        this.requestBodies = requestBodies;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<HostMaintenance> start(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                               @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                               @PathVariable String name, @Body @Nullable byte[] body) {
        ApiCaller caller = auth.requireAdmin(authorization);
        Map<String, Object> o = bodies.object(requestBodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        JsonBodies.onlyFields(o, FIELDS);
        Long until = JsonBodies.instant(o.get("until"), "until");
        if (until == null) {
            throw ApiException.badRequest("until is required (epoch milliseconds or an ISO-8601 time)", "until");
        }
        if (until <= clock.millis()) {
            throw ApiException.badRequest("until must be in the future", "until");
        }
        String comment = JsonBodies.string(o.get("comment"), "comment", MAX_COMMENT);
        requireHost(name);
        HostMaintenance before = maintenance.current(name).orElse(null);
        HostMaintenance started = maintenance.start(name, until, caller.name(), comment);
        audit.record(caller, "maintenance.start", name, before, started);
        return HttpResponse.created(started);
    }

    @Get
    public HostMaintenance show(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                @PathVariable String name) {
        auth.requireRead(authorization);
        requireHost(name);
        return maintenance.current(name).orElseThrow(() -> ApiException.notFound("host '" + name + "' is not in maintenance"));
    }

    @Delete
    public HttpResponse<Void> end(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                  @PathVariable String name) {
        ApiCaller caller = auth.requireAdmin(authorization);
        requireHost(name);
        HostMaintenance ended = maintenance.end(name)
                .orElseThrow(() -> ApiException.notFound("host '" + name + "' is not in maintenance"));
        audit.record(caller, "maintenance.end", name, ended, null);
        return HttpResponse.noContent();
    }

    private void requireHost(String name) {
        if (hosts.findActive(name).isEmpty()) {
            throw ApiException.notFound("no host named '" + name + "'");
        }
    }
}
