package dev.vigil.ingest.format.influx;

import dev.vigil.core.host.Host;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.format.BodyEncoding;
import dev.vigil.ingest.format.FormatWriteResult;
import dev.vigil.ingest.format.FormatWrites;
import dev.vigil.ingest.sample.IngestProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;

/**
 * Line protocol on Vigil's path (202 with counts) and on InfluxDB's own v1 {@code /write} and v2
 * {@code /api/v2/write} paths, which answer 204 as InfluxDB does because Telegraf treats any other
 * success code as an error; there the counts travel in X-Vigil-* headers.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class InfluxWriteController {

    private final ApiAuth auth;
    private final IngestProperties limits;
    private final InfluxFormat format;
    private final FormatWrites writes;

    public InfluxWriteController(ApiAuth auth, IngestProperties limits, InfluxFormat format, FormatWrites writes) {
        this.auth = auth;
        this.limits = limits;
        this.format = format;
        this.writes = writes;
    }

    @Post("/api/v1/write/influx")
    @Consumes(MediaType.ALL)
    public HttpResponse<FormatWriteResult> write(@QueryValue @Nullable String precision, @QueryValue @Nullable String p,
                                                 @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                                 @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                                 @Header(HttpHeaders.CONTENT_ENCODING) @Nullable String contentEncoding,
                                                 @Body @Nullable byte[] body) {
        return HttpResponse.accepted().body(ingest(precision, p, authorization, contentType, contentEncoding, body));
    }

    /** InfluxDB 1.x: {@code ?db=&rp=&precision=&u=&p=}; db and rp are accepted and ignored. */
    @Post("/write")
    @Consumes(MediaType.ALL)
    public HttpResponse<Void> writeV1(@QueryValue @Nullable String precision, @QueryValue @Nullable String p,
                                      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                      @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                      @Header(HttpHeaders.CONTENT_ENCODING) @Nullable String contentEncoding,
                                      @Body @Nullable byte[] body) {
        return ingest(precision, p, authorization, contentType, contentEncoding, body).asNoContent();
    }

    /** InfluxDB 2.x: {@code ?org=&bucket=&precision=}, {@code Authorization: Token <token>}; org and bucket are ignored. */
    @Post("/api/v2/write")
    @Consumes(MediaType.ALL)
    public HttpResponse<Void> writeV2(@QueryValue @Nullable String precision,
                                      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
                                      @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                      @Header(HttpHeaders.CONTENT_ENCODING) @Nullable String contentEncoding,
                                      @Body @Nullable byte[] body) {
        return ingest(precision, null, authorization, contentType, contentEncoding, body).asNoContent();
    }

    /** Telegraf's v1 output sends CREATE DATABASE at start; there is nothing to create, so say it worked. */
    @Post("/query")
    @Consumes(MediaType.ALL)
    public HttpResponse<String> query(@QueryValue @Nullable String p,
                                      @Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        auth.requireHost(InfluxCredentials.asBearer(authorization, p));
        return HttpResponse.ok("{\"results\":[{\"statement_id\":0}]}").contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private FormatWriteResult ingest(@Nullable String precision, @Nullable String password, @Nullable String authorization,
                                     @Nullable String contentType, @Nullable String contentEncoding, @Nullable byte[] body) {
        Host sender = auth.requireHost(InfluxCredentials.asBearer(authorization, password));
        return writes.write(format, sender, null, precision == null ? Map.of() : Map.of("precision", precision),
                contentType, body, raw -> BodyEncoding.decode(raw, contentEncoding, limits.getMaxBodyBytes()));
    }
}
