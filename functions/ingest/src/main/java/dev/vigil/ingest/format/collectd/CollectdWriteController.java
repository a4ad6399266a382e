package dev.vigil.ingest.format.collectd;

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
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;

/** {@code POST /api/v1/write/collectd}: collectd write_http JSON from a host token; 202 with the counts. */
@Controller("/api/v1/write/collectd")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CollectdWriteController {

    private final ApiAuth auth;
    private final CollectdFormat format;
    private final FormatWrites writes;

    public CollectdWriteController(ApiAuth auth, CollectdFormat format, FormatWrites writes) {
        this.auth = auth;
        this.format = format;
        this.writes = writes;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<FormatWriteResult> write(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                                 @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                                 @Body @Nullable byte[] body) {
        Host sender = auth.requireHost(authorization);
        return HttpResponse.accepted().body(writes.write(format, sender, null, Map.of(), contentType, body));
    }
}
