package dev.vigil.ingest.format.prometheus;

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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.Map;

@Controller("/api/v1/write/prometheus")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PrometheusWriteController {

    private final ApiAuth auth;
    private final RequestBodies bodies;
    private final PrometheusFormat format;
    private final FormatIngestor ingestor;
    private final Clock clock;

    public PrometheusWriteController(ApiAuth auth, RequestBodies bodies, PrometheusFormat format,
                                     FormatIngestor ingestor, Clock clock) {
        this.auth = auth;
        this.bodies = bodies;
        this.format = format;
        this.ingestor = ingestor;
        this.clock = clock;
    }

    @Post("/{host}")
    @Consumes(MediaType.ALL)
    public HttpResponse<FormatWriteResult> write(@PathVariable String host,
                                                 @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                                 @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                                 @Body @Nullable byte[] body) {
        return ingest(host, Map.of(), authorization, contentType, body);
    }

    /** The Pushgateway's path shape, so a script that pushes there can push here unchanged (it may PUT or POST). */
    @Post("/metrics/job/{job}/instance/{host}")
    @Consumes(MediaType.ALL)
    public HttpResponse<FormatWriteResult> push(@PathVariable String job, @PathVariable String host,
                                                @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                                @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                                @Body @Nullable byte[] body) {
        return ingest(host, Map.of("job", job), authorization, contentType, body);
    }

    @Put("/metrics/job/{job}/instance/{host}")
    @Consumes(MediaType.ALL)
    public HttpResponse<FormatWriteResult> pushPut(@PathVariable String job, @PathVariable String host,
                                                   @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                                   @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                                   @Body @Nullable byte[] body) {
        return ingest(host, Map.of("job", job), authorization, contentType, body);
    }

    private HttpResponse<FormatWriteResult> ingest(String host, Map<String, String> params, @Nullable String authorization,
                                                   @Nullable String contentType, @Nullable byte[] body) {
        Host sender = auth.requireWriterFor(authorization, host);
        byte[] text = bodies.require(body, contentType, format.contentTypes());
        FormatRequest request = new FormatRequest(sender, host, params, clock.millis());
        return HttpResponse.accepted().body(ingestor.ingest(format, request, text));
    }
}
