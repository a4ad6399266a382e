package dev.vigil.ingest.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.vigil.common.SampleConstraints;
import dev.vigil.core.sample.Sample;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.json.HostBatchJson;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Streams the native JSON batch ({"host", "samples": [{metric, labels, ts, value}]}) and validates
 * as it goes, so the first problem is reported with its JSON path and nothing is stored.
 * Non-numeric literals (NaN, Infinity) are read so they can be refused by name, not as a parse error.
 */
@Singleton
public class SampleBatchJsonParser {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final IngestProperties limits;
    private final Clock clock;

    public SampleBatchJsonParser(IngestProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public SampleBatch parse(byte[] body) {
        long now = clock.millis();
        HostBatchJson.Envelope<Sample> batch = HostBatchJson.read(JSON, body, "samples", limits.getMaxBatchSamples(),
                "batch has more than " + limits.getMaxBatchSamples() + " samples; split it", HostBatchJson.UnknownFields.SKIP,
                (p, path) -> sample(p, path, now));
        return new SampleBatch(batch.host(), batch.items());
    }

    private static Sample sample(JsonParser p, String path, long now) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("each sample must be an object", path);
        }
        String metric = null;
        TreeMap<String, String> labels = new TreeMap<>();
        Long ts = null;
        Double value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            switch (name) {
                case "metric" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw ApiException.badRequest("metric must be a string", path + ".metric");
                    }
                    metric = p.getText();
                }
                case "labels" -> labels(p, token, labels, path);
                case "ts" -> {
                    if (token == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (token != JsonToken.VALUE_NUMBER_INT) {
                        throw ApiException.badRequest("ts must be an integer (epoch milliseconds)", path + ".ts");
                    }
                    ts = p.getLongValue();
                }
                case "value" -> {
                    if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw ApiException.badRequest("value must be a number", path + ".value");
                    }
                    value = p.getDoubleValue();
                }
                default -> p.skipChildren();
            }
        }
        fail(SampleConstraints.checkMetric(metric), path, ".metric");
        if (value == null) {
            throw ApiException.badRequest("value is required", path + ".value");
        }
        fail(SampleConstraints.checkValue(value), path, ".value");
        long at = ts == null ? now : ts;
        fail(SampleConstraints.checkTimestamp(at, now), path, ".ts");
        return new Sample(metric, labels.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(labels), at, value);
    }

    /** {@code samplePath} is the sample's path; paths are only built for a problem, never per sample. */
    private static void labels(JsonParser p, JsonToken token, TreeMap<String, String> labels, String samplePath)
            throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("labels must be an object of string values", samplePath + ".labels");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken valueToken = p.nextToken();
            if (valueToken != JsonToken.VALUE_STRING) {
                throw ApiException.badRequest("label '" + name + "' must have a string value", samplePath + ".labels." + name);
            }
            String value = p.getText();
            Optional<String> problem = SampleConstraints.checkLabel(name, value);
            if (problem.isPresent()) {
                throw ApiException.badRequest(problem.get(), samplePath + ".labels." + name);
            }
            labels.put(name, value);
            fail(SampleConstraints.checkLabelCount(labels.size()), samplePath, ".labels");
        }
    }

    private static void fail(Optional<String> problem, String samplePath, String field) {
        if (problem.isPresent()) {
            throw ApiException.badRequest(problem.get(), samplePath + field);
        }
    }
}
