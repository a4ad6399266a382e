package dev.vigil.ingest.alert;

import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the small JSON objects of the alert endpoints, refusing wrong types with the field's name. */
@Singleton
class JsonBodies {

    private final JsonMapper json;

    JsonBodies(JsonMapper json) {
        this.json = json;
    }

    Map<String, Object> object(byte[] body) {
        try {
            Object parsed = json.readValue(body, Argument.OBJECT_ARGUMENT);
            if (parsed instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            }
        } catch (IOException e) {
            throw ApiException.badRequest(dev.vigil.ingest.error.JsonProblems.describe(e), null);
        }
        throw ApiException.badRequest("body must be a JSON object", null);
    }

    static Map<String, String> stringMap(Object raw, String field) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw ApiException.badRequest(field + " must be an object of label name to value", field);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw ApiException.badRequest("matcher values must be strings", field + "." + e.getKey());
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }

    /** Epoch milliseconds, or an ISO-8601 instant as Alertmanager clients send. */
    static Long instant(Object raw, String field) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number n) {
            return n.longValue();
        }
        if (raw instanceof String s) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(field + " must be epoch milliseconds or an ISO-8601 time", field);
            }
        }
        throw ApiException.badRequest(field + " must be epoch milliseconds or an ISO-8601 time", field);
    }

    static String string(Object raw, String field) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return s;
        }
        throw ApiException.badRequest(field + " must be a string", field);
    }
}
