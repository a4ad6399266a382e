package dev.vigil.ingest.logline;

import dev.vigil.core.host.Host;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.logline.LogLine;
import dev.vigil.core.logline.LogLineStore;
import dev.vigil.core.logline.LogLinesProperties;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.notification.QueryParams;
import dev.vigil.ingest.sample.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Log watch's lines: the agent posts the last matching lines (host token), an admin reads them back.
 * A separate endpoint rather than a field of the samples batch: lines have their own limits, table and
 * retention, and the samples path stays as it is for every other sender.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LogLinesController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    private static final Set<String> JSON = Set.of(MediaType.APPLICATION_JSON);

    @Serdeable
    public record Accepted(int accepted, int trimmed) {
    }

    @Serdeable
    public record LineView(String log, String pattern, String severity, long ts, String line) {
    }

    private final ApiAuth auth;
    private final RequestBodies bodies;
    private final LogLineBatchParser parser;
    private final LogLineStore store;
    private final HostRegistry hosts;
    private final LogLinesProperties properties;
    private final Clock clock;

    public LogLinesController(ApiAuth auth, RequestBodies bodies, LogLineBatchParser parser, LogLineStore store,
                              HostRegistry hosts, LogLinesProperties properties, Clock clock) {
        this.auth = auth;
        this.bodies = bodies;
        this.parser = parser;
        this.store = store;
        this.hosts = hosts;
        this.properties = properties;
        this.clock = clock;
    }

    @Post("/log-lines")
    @Consumes(MediaType.ALL)
    public HttpResponse<Accepted> post(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                       @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                       @Body @Nullable byte[] body) {
        Host sender = auth.requireHost(authorization);
        LogLineBatchParser.Batch batch = parser.parse(bodies.require(body, contentType, JSON));
        ApiAuth.requireOwnHost(sender, batch.host(), "", "host");
        int trimmed = batch.lines().isEmpty() ? 0 : store.append(sender.id(), batch.lines(), clock.millis());
        return HttpResponse.accepted().body(new Accepted(batch.lines().size(), trimmed));
    }

    @Get("/hosts/{name}/log-lines")
    public List<LineView> read(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization, @PathVariable String name,
                               @QueryValue @Nullable String log, @QueryValue @Nullable String pattern,
                               @QueryValue @Nullable String since, @QueryValue @Nullable String limit) {
        auth.requireRead(authorization);
        long now = clock.millis();
        hosts.findActive(name).orElseThrow(() -> ApiException.notFound("no host named '" + name + "'"));
        long from = since == null || since.isBlank() ? now - properties.getRetention().toMillis() : QueryParams.since(since, "since", now);
        long max = limit == null || limit.isBlank() ? DEFAULT_LIMIT : QueryParams.positiveLong(limit, "limit", "at most " + MAX_LIMIT);
        if (max > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be at most " + MAX_LIMIT, "limit");
        }
        checkName(log, "log");
        checkName(pattern, "pattern");
        return store.read(name, blankToNull(log), blankToNull(pattern), from, (int) max).stream().map(LogLinesController::view).toList();
    }

    private static void checkName(@Nullable String value, String field) {
        if (value != null && value.length() > LogLinesProperties.MAX_NAME_LENGTH) {
            throw ApiException.badRequest(field + " is longer than " + LogLinesProperties.MAX_NAME_LENGTH + " characters", field);
        }
    }

    @Nullable
    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static LineView view(LogLine l) {
        return new LineView(l.log(), l.pattern(), l.severity(), l.ts(), l.line());
    }
}
