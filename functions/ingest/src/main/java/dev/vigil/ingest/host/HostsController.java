package dev.vigil.ingest.host;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.core.config.VigilProperties;
import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.query.LatestValueQuery;
import dev.vigil.core.retention.DatabaseSizeReport;
import dev.vigil.core.query.SeriesValue;
import dev.vigil.core.sample.SampleConstraints;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

@Controller("/api/v1/hosts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HostsController {

    private static final JsonFactory JSON = new JsonFactory();

    private final ApiAuth auth;
    private final HostRegistry hosts;
    private final LatestValueQuery latest;
    private final RequestBodies bodies;
    private final VigilProperties properties;
    private final Clock clock;

    public HostsController(ApiAuth auth, HostRegistry hosts, LatestValueQuery latest, RequestBodies bodies,
                           VigilProperties properties, Clock clock) {
        this.auth = auth;
        this.hosts = hosts;
        this.latest = latest;
        this.bodies = bodies;
        this.properties = properties;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<HostCreated> create(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                            @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                            @Body @Nullable byte[] body) {
        auth.requireAdmin(authorization);
        String name = nameFrom(bodies.require(body, contentType, Set.of(MediaType.APPLICATION_JSON)));
        SampleConstraints.checkHostName(name).ifPresent(problem -> {
            throw ApiException.badRequest(problem, "name");
        });
        HostRegistry.Registration registration = hosts.register(name)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "host '" + name + "' already exists", "name"));
        return HttpResponse.created(new HostCreated(registration.host().name(), registration.token()));
    }

    @Get
    public List<HostView> list(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireAdmin(authorization);
        long now = clock.millis();
        return hosts.listActive().stream()
                .map(h -> new HostView(h.name(), h.createdAt(), h.lastSeenAt(),
                        h.lastSeenAt() != null && h.lastSeenAt() >= now - downAfter(h).toMillis()))
                .toList();
    }

    @Delete("/{name}")
    public HttpResponse<Void> revoke(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                     @PathVariable String name) {
        auth.requireAdmin(authorization);
        if (!hosts.revoke(name)) {
            throw ApiException.notFound("no host named '" + name + "'");
        }
        return HttpResponse.noContent();
    }

    @Get("/{name}/latest")
    public List<SeriesValue> latest(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                    @PathVariable String name) {
        auth.requireAdmin(authorization);
        Host host = hosts.findActive(name).orElseThrow(() -> ApiException.notFound("no host named '" + name + "'"));
        return latest.forHost(host.id());
    }

    /** Vigil's own host reports once per housekeeping run (hourly), not every 15 s like an agent. */
    private java.time.Duration downAfter(Host host) {
        return DatabaseSizeReport.VIGIL_HOST.equals(host.name()) ? SELF_REPORT_INTERVAL.multipliedBy(2) : properties.getHostDownAfter();
    }

    static final java.time.Duration SELF_REPORT_INTERVAL = java.time.Duration.ofHours(1);

    private static String nameFrom(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("body must be a JSON object like {\"name\": \"db-01\"}", null);
            }
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (field.equals("name")) {
                    if (token != JsonToken.VALUE_STRING) {
                        throw ApiException.badRequest("name must be a string", "name");
                    }
                    name = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw ApiException.badRequest("name is required", "name");
            }
            return name;
        } catch (IOException e) {
            throw ApiException.badRequest(dev.vigil.ingest.error.JsonProblems.describe(e), null);
        }
    }
}
