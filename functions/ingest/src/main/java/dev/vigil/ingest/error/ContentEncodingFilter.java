package dev.vigil.ingest.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Locale;
import java.util.Set;

/**
 * A body in an encoding the server cannot decode (br, zstd, a typo) would be parsed as if it were
 * plain text and refused with a misleading parse error, or worse, stored garbled: 415 names the
 * encodings that work. Netty has already inflated gzip and deflate here (and dropped the header).
 * Remote write's snappy is decoded by its controller: Netty's pipeline drops that header before this
 * filter, API Gateway's (Lambda) does not, so the remote-write path lets it through here.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ContentEncodingFilter {

    /** What Netty inflates (gzip, deflate) plus Telegraf's x-gzip spelling; identity means none. */
    public static final Set<String> SUPPORTED = Set.of("identity", "gzip", "x-gzip", "deflate");
    /** Prometheus's remote write: the body is snappy-compressed protobuf, decoded by the controller. */
    static final String REMOTE_WRITE_PATH = "/api/v1/write";
    static final String SNAPPY = "snappy";

    @RequestFilter
    @Nullable
    public HttpResponse<ApiError> refuseUnknownEncodings(HttpRequest<?> request) {
        for (String header : request.getHeaders().getAll(HttpHeaders.CONTENT_ENCODING)) {
            for (String coding : header.split(",")) {
                String name = coding.trim().toLowerCase(Locale.ROOT);
                boolean remoteWrite = SNAPPY.equals(name) && REMOTE_WRITE_PATH.equals(request.getPath());
                if (!name.isEmpty() && !SUPPORTED.contains(name) && !remoteWrite) {
                    return HttpResponse.<ApiError>status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(new ApiError(
                            "Content-Encoding '" + name + "' is not supported; use gzip, deflate or identity (none)", null));
                }
            }
        }
        return null;
    }
}
