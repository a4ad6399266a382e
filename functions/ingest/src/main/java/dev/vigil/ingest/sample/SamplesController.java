package dev.vigil.ingest.sample;

import dev.vigil.core.sample.WriteResult;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.auth.ApiCaller;
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

import java.util.Set;

@Controller("/api/v1/samples")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SamplesController {

    private static final Set<String> JSON = Set.of(MediaType.APPLICATION_JSON);

    private final ApiAuth auth;
    private final RequestBodies bodies;
    private final SampleBatchJsonParser parser;
    private final SampleIngestor ingestor;

    public SamplesController(ApiAuth auth, RequestBodies bodies, SampleBatchJsonParser parser, SampleIngestor ingestor) {
        this.auth = auth;
        this.bodies = bodies;
        this.parser = parser;
        this.ingestor = ingestor;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<WriteResult> post(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                          @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                          @Body @Nullable byte[] body) {
        ApiCaller sender = auth.requireSender(authorization);
        SampleBatch batch = parser.parse(bodies.require(body, contentType, JSON));
        return HttpResponse.accepted().body(ingestor.ingest(auth.hostToWrite(sender, batch.host()), batch));
    }
}
