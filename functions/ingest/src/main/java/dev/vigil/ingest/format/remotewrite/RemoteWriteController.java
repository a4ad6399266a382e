package dev.vigil.ingest.format.remotewrite;

import dev.vigil.core.host.Host;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.auth.ApiCaller;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.format.FormatIngestor;
import dev.vigil.ingest.format.FormatWriteResult;
import dev.vigil.ingest.format.FormatWrites;
import dev.vigil.ingest.format.prometheus.PromSample;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 0.1.0. A writer token writes for every host the body
 * names (new hosts are registered without a token of their own; samples of a deleted host are dropped and
 * counted); a host token only for its own host (403 otherwise). 204 with the counts in X-Vigil-* headers.
 */
@Controller("/api/v1/write")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RemoteWriteController {

    static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";
    private static final String SNAPPY = "snappy";

    private final ApiAuth auth;
    private final RemoteWriteFormat format;
    private final FormatWrites writes;

    public RemoteWriteController(ApiAuth auth, RemoteWriteFormat format, FormatWrites writes) {
        this.auth = auth;
        this.format = format;
        this.writes = writes;
    }

    @Post
    @Consumes(MediaType.ALL)
    public HttpResponse<Void> write(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                    @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                    @Header(HttpHeaders.CONTENT_ENCODING) @Nullable String contentEncoding,
                                    @Header(VERSION_HEADER) @Nullable String version,
                                    @Body @Nullable byte[] body) {
        ApiCaller sender = auth.requireSender(authorization);
        if (version != null && !version.trim().startsWith("0.1")) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "remote write version " + version.trim()
                    + " is not supported; configure Prometheus to send 0.1.0 (protobuf_message: prometheus.WriteRequest)",
                    null);
        }
        byte[] compressed = writes.requireBody(body, contentType, RemoteWriteFormat.CONTENT_TYPES);
        if (contentEncoding != null && !contentEncoding.trim().equalsIgnoreCase(SNAPPY)) {
            throw ApiException.badRequest("Content-Encoding must be snappy, got '" + contentEncoding.trim() + "'", null);
        }
        RemoteWriteDecoder.WriteRequest request = format.decoder().decode(compressed);
        long now = writes.now();
        RemoteWriteFormat.Split split = format.split(request, now);
        Map<Host, FormatIngestor.HostPart> parts = new LinkedHashMap<>();
        int dropped = split.dropped();
        for (Map.Entry<String, NavigableMap<Long, List<PromSample>>> host : split.byHost().entrySet()) {
            Optional<Host> target = sender.host() != null
                    ? Optional.of(auth.hostToWrite(sender, host.getKey()))
                    : auth.hostForWriter(host.getKey());
            if (target.isEmpty()) {
                dropped += host.getValue().values().stream().mapToInt(List::size).sum();
            } else {
                parts.put(target.get(), format.part(target.get().name(), host.getValue(), now));
            }
        }
        FormatWriteResult result = writes.writeHosts(parts, dropped);
        return result.asNoContent();
    }
}
