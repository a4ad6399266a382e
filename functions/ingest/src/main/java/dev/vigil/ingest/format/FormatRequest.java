package dev.vigil.ingest.format;

import dev.vigil.core.host.Host;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * What a format needs besides the body: the authenticated sender, the host named in the path (if the
 * path names one), query or path parameters (precision, job), and the server time for samples without one.
 */
public record FormatRequest(Host sender, @Nullable String pathHost, Map<String, String> params, long receivedAt) {

    public String param(String name, String fallback) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
