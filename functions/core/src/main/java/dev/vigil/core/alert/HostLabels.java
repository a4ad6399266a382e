package dev.vigil.core.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.core.sample.Labels;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The copy of {@code hosts.labels} that evaluation writes onto each alert of the host: a JSON object
 * with sorted keys, "{}" for a host without labels, so a relabelled host is noticed by comparing strings.
 */
final class HostLabels {

    static final String NONE = "{}";
    private static final Logger LOG = LoggerFactory.getLogger(HostLabels.class);
    private static final JsonFactory JSON = new JsonFactory();

    private HostLabels() {
    }

    /** @param stored {@code hosts.labels} as stored (null when the host has none) */
    static String canonical(String host, @Nullable String stored) {
        if (stored == null || stored.isBlank()) {
            return NONE;
        }
        try {
            return toJson(Labels.fromJson(stored));
        } catch (RuntimeException e) {
            // written by the API, which validates: a bad value here must not stop evaluation of the fleet
            LOG.warn("host {} has labels that are not a JSON object of strings; its alerts carry none", host);
            return NONE;
        }
    }

    static String toJson(Map<String, String> labels) {
        StringWriter out = new StringWriter(16 + labels.size() * 24);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : Labels.canonical(labels).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
