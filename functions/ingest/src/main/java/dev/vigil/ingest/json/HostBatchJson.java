package dev.vigil.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.common.SampleConstraints;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.error.JsonProblems;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The envelope every native JSON body shares, {@code {"host": "...", "<items>": [ ... ]}}, read as a stream:
 * the first problem is a 400 naming its JSON path ({@code samples[3].value}), and nothing is stored.
 * Each body type reads only its own items.
 */
public final class HostBatchJson {

    /** Reads one item; the parser stands on the item's first token. */
    @FunctionalInterface
    public interface ItemReader<T> {
        T read(JsonParser p, String path) throws IOException;
    }

    /** Reads one item, told only its index: a reader that keeps its own columns builds no path per item. */
    @FunctionalInterface
    public interface IndexedItemReader {
        void read(JsonParser p, int index) throws IOException;
    }

    /** What to do with a top-level field other than host and the items. */
    public enum UnknownFields { SKIP, REFUSE }

    /** A body that passed the envelope's checks: a valid host name and its items. */
    public record Envelope<T>(String host, List<T> items) {
    }

    private HostBatchJson() {
    }

    /**
     * @param itemsField     the array's name ("samples", "lines")
     * @param maxItems       more items than this are refused with {@code tooManyMessage}
     */
    public static <T> Envelope<T> read(JsonFactory json, byte[] body, String itemsField, int maxItems,
                                       String tooManyMessage, UnknownFields unknown, ItemReader<T> item) {
        List<T> items = new ArrayList<>();
        String host = readEach(json, body, itemsField, maxItems, tooManyMessage, unknown,
                (p, index) -> items.add(item.read(p, itemPath(itemsField, index))));
        return new Envelope<>(host, items);
    }

    /** The JSON path of item {@code index}, e.g. {@code samples[3]}. */
    public static String itemPath(String itemsField, int index) {
        return itemsField + "[" + index + "]";
    }

    /**
     * Like {@link #read}, handing each item to {@code item} in order; returns the host.
     */
    public static String readEach(JsonFactory json, byte[] body, String itemsField, int maxItems,
                                  String tooManyMessage, UnknownFields unknown, IndexedItemReader item) {
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("body must be a JSON object with 'host' and '" + itemsField + "'", null);
            }
            String host = null;
            boolean items = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if (name.equals("host")) {
                    if (token != JsonToken.VALUE_STRING) {
                        throw ApiException.badRequest("host must be a string", "host");
                    }
                    host = p.getText();
                } else if (name.equals(itemsField)) {
                    if (items) {
                        throw ApiException.badRequest(itemsField + " is given more than once", itemsField);
                    }
                    items(p, token, itemsField, maxItems, tooManyMessage, item);
                    items = true;
                } else if (unknown == UnknownFields.REFUSE) {
                    throw ApiException.badRequest("unknown field '" + name + "' (known: host, " + itemsField + ")", name);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw ApiException.badRequest("unexpected content after the JSON object", null);
            }
            SampleConstraints.checkHostName(host).ifPresent(problem -> {
                throw ApiException.badRequest(problem, "host");
            });
            if (!items) {
                throw ApiException.badRequest(itemsField + " is required (an array)", itemsField);
            }
            return host;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(JsonProblems.describe(e), null);
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable body", null);
        }
    }

    private static void items(JsonParser p, JsonToken token, String field, int maxItems, String tooManyMessage,
                              IndexedItemReader item) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw ApiException.badRequest(field + " must be an array", field);
        }
        int count = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (count >= maxItems) {
                throw ApiException.badRequest(tooManyMessage, field);
            }
            item.read(p, count++);
        }
    }
}
