package dev.vigil.ingest.format;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/** The 202 answer of the sender paths: like /api/v1/samples, plus how many values were dropped. */
@Serdeable
public record FormatWriteResult(int accepted, int duplicates, int dropped) {

    /** For senders that expect 204 (InfluxDB, Prometheus remote write): the counts go in headers. */
    public HttpResponse<Void> asNoContent() {
        MutableHttpResponse<Void> response = HttpResponse.noContent();
        return response.header("X-Vigil-Accepted", Integer.toString(accepted))
                .header("X-Vigil-Duplicates", Integer.toString(duplicates))
                .header("X-Vigil-Dropped", Integer.toString(dropped));
    }
}
