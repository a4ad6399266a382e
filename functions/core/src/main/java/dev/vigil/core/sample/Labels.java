package dev.vigil.core.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.common.JsonText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Canonical (sorted, immutable) label maps and their JSON form as stored in {@code series.labels}. */
public final class Labels {

    private static final JsonFactory JSON = new JsonFactory();
    /** Already canonical: sorted and unmodifiable, so it needs no copy. */
    private static final Class<?> UNMODIFIABLE_SORTED =
            Collections.unmodifiableSortedMap(new TreeMap<String, String>()).getClass();

    private Labels() {
    }

    public static Map<String, String> canonical(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return Collections.emptySortedMap();
        }
        if (labels instanceof SortedMap<String, String> && UNMODIFIABLE_SORTED.isInstance(labels)) {
            return labels;
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    public static String toJson(Map<String, String> labels) {
        return JsonText.labels(canonical(labels));
    }

    public static Map<String, String> fromJson(String json) {
        TreeMap<String, String> labels = new TreeMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("labels are not a JSON object: " + json);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                labels.put(name, parser.getText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableSortedMap(labels);
    }
}
