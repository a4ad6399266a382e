package dev.vigil.ingest.format.collectd;

import dev.vigil.core.host.Host;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.format.FormatIngestor;
import dev.vigil.ingest.format.FormatRequest;
import dev.vigil.ingest.format.FormatWriteResult;
import dev.vigil.ingest.sample.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.Map;

@Controller("/api/v1/write/collectd")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CollectdWriteController {

    private final ApiAuth auth;
    private final RequestBodies bodies;
    private final CollectdFormat format;
    private final FormatIngestor ingestor;
    private final Clock clock;

    public CollectdWriteController(ApiAuth auth, RequestBodies bodies, CollectdFormat format, FormatIngestor ingestor, Clock clock) {
        this.auth = auth;
        this.bodies = bodies;
        this.format = format;
        this.ingestor = ingestor;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<FormatWriteResult> write(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                                 @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                                 @Body @Nullable byte[] body) {
        Host sender = auth.requireHost(authorization);
        byte[] json = bodies.require(body, contentType, format.contentTypes());
        FormatRequest request = new FormatRequest(sender, null, Map.of(), clock.millis());
        return HttpResponse.accepted().body(ingestor.ingest(format, request, json));
    }
}
