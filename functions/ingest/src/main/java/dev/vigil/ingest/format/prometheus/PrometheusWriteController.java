package dev.vigil.ingest.format.prometheus;

import dev.vigil.core.host.Host;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.format.FormatWriteResult;
import dev.vigil.ingest.format.FormatWrites;
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

import java.util.Map;

@Controller("/api/v1/write/prometheus")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PrometheusWriteController {

    private final ApiAuth auth;
    private final PrometheusFormat format;
    private final FormatWrites writes;

    public PrometheusWriteController(ApiAuth auth, PrometheusFormat format, FormatWrites writes) {
        this.auth = auth;
        this.format = format;
        this.writes = writes;
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
        return HttpResponse.accepted().body(writes.write(format, sender, host, params, contentType, body));
    }
}
