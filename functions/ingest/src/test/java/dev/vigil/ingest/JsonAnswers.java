package dev.vigil.ingest;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reads the API's JSON answers in tests, and checks its error shape. */
public final class JsonAnswers {

    private final JsonMapper json;

    public JsonAnswers(JsonMapper json) {
        this.json = json;
    }

    public List<Map<String, Object>> list(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return read(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    public Map<String, Object> object(HttpResponse<String> response) {
        return read(response.body(), Argument.mapOf(String.class, Object.class));
    }

    /** {@code {"error": ..., "field": field}} with this status, and no internals in the words. */
    public void assertError(HttpResponse<String> response, int status, String field) {
        assertEquals(status, response.statusCode(), response.body());
        Map<String, Object> body = object(response);
        assertNotNull(body.get("error"), response.body());
        assertEquals(field, body.get("field"), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("jackson"), response.body());
    }

    public <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }
}
