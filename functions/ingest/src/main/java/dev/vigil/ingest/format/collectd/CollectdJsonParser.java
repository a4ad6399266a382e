package dev.vigil.ingest.format.collectd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.error.JsonProblems;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * collectd write_http {@code Format "JSON"}: an array of value lists. Every failure names the value
 * list (as the JSON path {@code [i].field}) and the line and column in the body.
 */
public final class CollectdJsonParser {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> DSTYPES = Set.of("gauge", "derive", "counter", "absolute");

    private final int maxValues;
    private final long receivedAt;

    public CollectdJsonParser(int maxValues, long receivedAt) {
        this.maxValues = maxValues;
        this.receivedAt = receivedAt;
    }

    public List<CollectdValueList> parse(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw ApiException.badRequest("body must be a JSON array of collectd value lists", null);
            }
            List<CollectdValueList> lists = new ArrayList<>();
            int values = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                CollectdValueList list = valueList(p, lists.size());
                values += list.values().size();
                if (values > maxValues) {
                    throw ApiException.badRequest("body has more than " + maxValues + " values; split it", null);
                }
                lists.add(list);
            }
            if (p.nextToken() != null) {
                throw ApiException.badRequest("unexpected content after the JSON array" + at(p.currentLocation()), null);
            }
            return lists;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(JsonProblems.describe(e), null);
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable body", null);
        }
    }

    private CollectdValueList valueList(JsonParser p, int index) throws IOException {
        String path = "[" + index + "]";
        JsonLocation start = p.currentLocation();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(index, start, "each value list must be an object", path);
        }
        List<Double> values = null;
        List<String> dstypes = null;
        List<String> dsnames = null;
        Double time = null;
        String host = null;
        String plugin = null;
        String pluginInstance = "";
        String type = null;
        String typeInstance = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            switch (name) {
                case "values" -> values = numbers(p, token, index, path + ".values");
                case "dstypes" -> dstypes = strings(p, token, index, path + ".dstypes");
                case "dsnames" -> dsnames = strings(p, token, index, path + ".dsnames");
                case "time" -> {
                    if (!token.isNumeric()) {
                        throw error(index, p.currentLocation(), "time must be a number (epoch seconds)", path + ".time");
                    }
                    time = p.getDoubleValue();
                }
                case "host" -> host = text(p, token, index, path + ".host");
                case "plugin" -> plugin = text(p, token, index, path + ".plugin");
                case "plugin_instance" -> pluginInstance = text(p, token, index, path + ".plugin_instance");
                case "type" -> type = text(p, token, index, path + ".type");
                case "type_instance" -> typeInstance = text(p, token, index, path + ".type_instance");
                default -> p.skipChildren(); // interval, meta
            }
        }
        if (values == null || dstypes == null || dsnames == null) {
            throw error(index, start, "values, dstypes and dsnames are required", path);
        }
        if (values.size() != dstypes.size() || values.size() != dsnames.size()) {
            throw error(index, start, "values, dstypes and dsnames must have the same length (got "
                    + values.size() + ", " + dstypes.size() + ", " + dsnames.size() + ")", path + ".values");
        }
        for (int i = 0; i < dstypes.size(); i++) {
            if (!DSTYPES.contains(dstypes.get(i))) {
                throw error(index, start, "unknown dstype '" + dstypes.get(i) + "'", path + ".dstypes[" + i + "]");
            }
        }
        if (host == null || host.isEmpty() || plugin == null || plugin.isEmpty() || type == null || type.isEmpty()) {
            throw error(index, start, "host, plugin and type are required", path);
        }
        long timeMs = time == null ? receivedAt : Math.round(time * 1000.0);
        return new CollectdValueList(values, dstypes, dsnames, timeMs, host, plugin, pluginInstance, type, typeInstance, index);
    }

    private static List<Double> numbers(JsonParser p, JsonToken token, int index, String path) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw error(index, p.currentLocation(), "must be an array", path);
        }
        List<Double> out = new ArrayList<>();
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token == JsonToken.VALUE_NULL) {
                out.add(null);
            } else if (token.isNumeric()) {
                out.add(p.getDoubleValue());
            } else {
                throw error(index, p.currentLocation(), "values must be numbers or null", path + "[" + out.size() + "]");
            }
        }
        return out;
    }

    private static List<String> strings(JsonParser p, JsonToken token, int index, String path) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw error(index, p.currentLocation(), "must be an array", path);
        }
        List<String> out = new ArrayList<>();
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_STRING) {
                throw error(index, p.currentLocation(), "must hold strings", path + "[" + out.size() + "]");
            }
            out.add(p.getText());
        }
        return out;
    }

    private static String text(JsonParser p, JsonToken token, int index, String path) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw error(index, p.currentLocation(), "must be a string", path);
        }
        return p.getText();
    }

    private static ApiException error(int index, JsonLocation where, String problem, String path) {
        return ApiException.badRequest("value list " + index + at(where) + ": " + problem, path);
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
