package dev.vigil.ingest.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.ingest.error.JsonProblems;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the small JSON objects of the admin endpoints. Wrong types, unknown fields, over-long strings and
 * strings that are not valid Unicode are refused with 400 naming the field, before anything is stored.
 */
@Singleton
public class JsonBodies {

    private final JsonMapper json;

    JsonBodies(JsonMapper json) {
        this.json = json;
    }

    public Map<String, Object> object(byte[] body) {
        Object parsed;
        try {
            parsed = json.readValue(body, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw ApiException.badRequest(malformed(e), null);
        }
        if (parsed instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw ApiException.badRequest("body must be a JSON object", null);
    }

    /** Where and how the JSON broke, in the document's terms (never the parser's internals). */
    private static String malformed(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException j) {
                return JsonProblems.describe(j);
            }
        }
        return JsonProblems.describe(e);
    }

    public static void onlyFields(Map<String, Object> object, Set<String> known) {
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw ApiException.badRequest("unknown field (expected one of " + known.stream().sorted().toList() + ")", key);
            }
        }
    }

    /** A JSON object of label name to string value; each entry is checked by the caller. */
    public static Map<String, String> stringMap(Object raw, String field) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw ApiException.badRequest(field + " must be an object of label name to value", field);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw ApiException.badRequest("values must be strings", field + "." + e.getKey());
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }

    /** Epoch milliseconds, or an ISO-8601 instant as Alertmanager clients send. */
    @Nullable
    public static Long instant(@Nullable Object raw, String field) {
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
                // refused below
            }
        }
        throw ApiException.badRequest(field + " must be epoch milliseconds or an ISO-8601 time", field);
    }

    /** An optional string of at most {@code maxLength} characters. */
    @Nullable
    public static String string(@Nullable Object raw, String field, int maxLength) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return text(s, field, maxLength);
        }
        throw ApiException.badRequest(field + " must be a string", field);
    }

    /** Checks a string an admin sent: valid Unicode and at most {@code maxLength} characters. */
    public static String text(String value, String field, int maxLength) {
        if (value.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
            throw ApiException.badRequest(field + " is not valid Unicode (a lone surrogate)", field);
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw ApiException.badRequest(field + " is " + length + " characters long; at most " + maxLength
                    + " are allowed", field);
        }
        return value;
    }
}
