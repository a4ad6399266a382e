package dev.vigil.ingest.host;

import dev.vigil.ingest.audit.AuditTrail;
import dev.vigil.ingest.maintenance.MaintenanceService;
import dev.vigil.ingest.rule.HostOverrides;
import jakarta.inject.Inject;
import dev.vigil.common.SampleConstraints;
import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostLabels;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.host.SelfHost;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.ingest.admin.JsonBodies;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.sample.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Controller("/api/v1/hosts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HostsController {

    private static final Set<String> CREATE_FIELDS = Set.of("name", "labels");

    private final ApiAuth auth;
    private final HostRegistry hosts;
    private final LatestValueQuery latest;
    private final RequestBodies bodies;
    private final JsonBodies json;
    private final VigilProperties properties;
    private final Clock clock;
    @Inject
    AuditTrail audit;
    @Inject
    MaintenanceService maintenance;
    @Inject
    HostOverrides hostOverrides;

    public HostsController(ApiAuth auth, HostRegistry hosts, LatestValueQuery latest, RequestBodies bodies,
                           JsonBodies json, VigilProperties properties, Clock clock) {
        this.auth = auth;
        this.hosts = hosts;
        this.latest = latest;
        this.bodies = bodies;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** {@code {"name": "db-01", "labels": {"team": "db"}}}; labels are optional. */
    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<HostCreated> create(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                            @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                            @Body @Nullable byte[] body) {
        var caller = auth.requireAdmin(authorization);
        Map<String, Object> o = json.object(bodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        JsonBodies.onlyFields(o, CREATE_FIELDS);
        if (o.get("name") == null) {
            throw ApiException.badRequest("name is required", "name");
        }
        if (!(o.get("name") instanceof String name)) {
            throw ApiException.badRequest("name must be a string", "name");
        }
        SampleConstraints.checkHostName(name).ifPresent(problem -> {
            throw ApiException.badRequest(problem, "name");
        });
        Map<String, String> labels = o.get("labels") == null ? null : labels(o.get("labels"));
        HostRegistry.Registration registration = hosts.register(name, labels)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "host '" + name + "' already exists", "name"));
        Host host = registration.host();
        audit.record(caller, "host.register", host.name(), null, Map.of("name", host.name(), "labels", host.labelMap()));
        return HttpResponse.created(new HostCreated(host.name(), registration.token(), host.labelMap()));
    }

    /** Replaces all labels of a host; the body is the JSON object of labels ({} removes them all). */
    @Put("/{name}/labels")
    @Consumes(MediaType.ALL)
    public HostView replaceLabels(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                  @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                  @PathVariable String name, @Body @Nullable byte[] body) {
        var caller = auth.requireAdmin(authorization);
        Map<String, String> labels = labels(json.object(bodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON))));
        Map<String, String> before = hosts.findActive(name).map(Host::labelMap).orElse(null);
        HostView after = hosts.replaceLabels(name, labels).map(h -> view(h, clock.millis())).orElseThrow(() -> noHost(name));
        audit.record(caller, "host.labels", name, Map.of("labels", before == null ? Map.of() : before), Map.of("labels", after.labels()));
        return after;
    }

    private static Map<String, String> labels(Object raw) {
        Map<String, String> labels = JsonBodies.stringMap(raw, "labels");
        HostLabels.check(labels).ifPresent(problem -> {
            throw ApiException.badRequest(problem.message(), problem.label() == null ? "labels" : "labels." + problem.label());
        });
        return labels;
    }

    @Get
    public List<HostView> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireRead(authorization);
        long now = clock.millis();
        var inMaintenance = maintenance.currentByHost();
        return hosts.listActive().stream().map(h -> view(h, now, inMaintenance.get(h.name()))).toList();
    }

    private HostView view(Host h, long now) {
        return view(h, now, maintenance.current(h.name()).orElse(null));
    }

    private HostView view(Host h, long now, @Nullable dev.vigil.ingest.maintenance.HostMaintenance inMaintenance) {
        return new HostView(h.name(), h.createdAt(), h.lastSeenAt(),
                h.lastSeenAt() != null && h.lastSeenAt() >= now - downAfter(h).toMillis(), h.labelMap(),
                inMaintenance != null, inMaintenance);
    }

    private static ApiException noHost(String name) {
        return ApiException.notFound("no host named '" + name + "'");
    }

    @Get("/{name}")
    public HostDetail show(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization, @PathVariable String name) {
        auth.requireRead(authorization);
        HostView view = hosts.findActive(name).map(h -> view(h, clock.millis())).orElseThrow(() -> noHost(name));
        return new HostDetail(view, hostOverrides.of(name));
    }

    @Delete("/{name}")
    public HttpResponse<Void> revoke(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                     @PathVariable String name) {
        var caller = auth.requireAdmin(authorization);
        HostView before = hosts.findActive(name).map(h -> view(h, clock.millis())).orElse(null);
        if (!hosts.revoke(name)) {
            throw noHost(name);
        }
        auth.forgetCachedCallers();
        audit.record(caller, "host.delete", name, before, null);
        return HttpResponse.noContent();
    }

    @Get("/{name}/latest")
    public List<SeriesValue> latest(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                    @PathVariable String name) {
        auth.requireRead(authorization);
        Host host = hosts.findActive(name).orElseThrow(() -> noHost(name));
        return latest.forHost(host.id());
    }

    /** Vigil's own host reports once per housekeeping run (hourly), not every 15 s like an agent. */
    private java.time.Duration downAfter(Host host) {
        return SelfHost.NAME.equals(host.name()) ? SELF_REPORT_INTERVAL.multipliedBy(2) : properties.getHostDownAfter();
    }

    static final java.time.Duration SELF_REPORT_INTERVAL = java.time.Duration.ofHours(1);
}
