package dev.vigil.ingest.sample;

import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Set;

/**
 * Content-type and size checks shared by every write endpoint. The Netty server also stops
 * oversized bodies early (micronaut.server.max-request-size); on Lambda this is the only check.
 */
@Singleton
public class RequestBodies {

    private final IngestProperties limits;

    public RequestBodies(IngestProperties limits) {
        this.limits = limits;
    }

    public byte[] require(@Nullable byte[] body, @Nullable String contentType, Set<String> accepted) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(type)) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be one of " + accepted
                    + (type.isEmpty() ? " (none given)" : ", got '" + type + "'"), null);
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("request body is empty", null);
        }
        if (body.length > limits.getMaxBodyBytes()) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request body is " + body.length
                    + " bytes, over the limit of " + limits.getMaxBodyBytes(), null);
        }
        return body;
    }
}
