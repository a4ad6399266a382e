package dev.vigil.ingest.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.vigil.common.SampleConstraints;
import dev.vigil.core.sample.SampleColumns;
import dev.vigil.core.sample.SeriesKey;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.json.HostBatchJson;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Streams the native JSON batch ({"host", "samples": [{metric, labels, ts, value}]}) and validates
 * as it goes, so the first problem is reported with its JSON path and nothing is stored.
 * Non-numeric literals (NaN, Infinity) are read so they can be refused by name, not as a parse error.
 * <p>Samples go straight into columns (issue 17): a series met again in the batch (same metric, same labels
 * in the same order) is recognised from the strings as read, so its names are validated, sorted and keyed
 * once per batch, not once per sample.
 */
@Singleton
public class SampleBatchJsonParser {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // values are most of a batch's numbers; the JDK's parser showed in ingest profiles (issue 17)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final String SAMPLES = "samples";

    private final IngestProperties limits;
    private final Clock clock;

    public SampleBatchJsonParser(IngestProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public SampleBatch parse(byte[] body) {
        BatchReader reader = new BatchReader(clock.millis());
        String host = HostBatchJson.readEach(JSON, body, SAMPLES, limits.getMaxBatchSamples(),
                "batch has more than " + limits.getMaxBatchSamples() + " samples; split it", HostBatchJson.UnknownFields.SKIP,
                reader::sample);
        return new SampleBatch(host, reader.out.build());
    }

    /** One batch's samples, read into columns. Paths are only built for a problem, never per sample. */
    private static final class BatchReader {
        final long now;
        final SampleColumns.Builder out = new SampleColumns.Builder(256);
        /** Series as read in this batch, to their index in {@link #out}; validated before they enter. */
        final Map<RawSeries, Integer> known = new HashMap<>();
        final RawSeries current = new RawSeries();

        BatchReader(long now) {
            this.now = now;
        }

        void sample(JsonParser p, int index) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("each sample must be an object", path(index));
            }
            current.reset();
            long ts = 0;
            boolean hasTs = false;
            double value = 0;
            boolean hasValue = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                switch (name) {
                    case "metric" -> {
                        if (token != JsonToken.VALUE_STRING) {
                            throw ApiException.badRequest("metric must be a string", path(index) + ".metric");
                        }
                        current.metric = p.getText();
                    }
                    case "labels" -> labels(p, token, index);
                    case "ts" -> {
                        if (token == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        if (token != JsonToken.VALUE_NUMBER_INT) {
                            throw ApiException.badRequest("ts must be an integer (epoch milliseconds)", path(index) + ".ts");
                        }
                        ts = p.getLongValue();
                        hasTs = true;
                    }
                    case "value" -> {
                        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                            throw ApiException.badRequest("value must be a number", path(index) + ".value");
                        }
                        value = p.getDoubleValue();
                        hasValue = true;
                    }
                    default -> p.skipChildren();
                }
            }
            Integer series = known.get(current);
            if (series == null) {
                series = admit(index);
            }
            if (!hasValue) {
                throw ApiException.badRequest("value is required", path(index) + ".value");
            }
            fail(SampleConstraints.checkValue(value), index, ".value");
            long at = hasTs ? ts : now;
            fail(SampleConstraints.checkTimestamp(at, now), index, ".ts");
            out.add(series, at, value);
        }

        private void labels(JsonParser p, JsonToken token, int index) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (token != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("labels must be an object of string values", path(index) + ".labels");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw ApiException.badRequest("label '" + name + "' must have a string value",
                            path(index) + ".labels." + name);
                }
                current.label(name, p.getText());
                fail(SampleConstraints.checkLabelCount(current.labelCount()), index, ".labels");
            }
        }

        /** Validates a series first met in this batch (labels in order, then the metric) and keys it. */
        private int admit(int index) {
            TreeMap<String, String> labels = new TreeMap<>();
            for (int i = 0; i < current.count; i += 2) {
                String name = current.pairs[i];
                Optional<String> problem = SampleConstraints.checkLabel(name, current.pairs[i + 1]);
                if (problem.isPresent()) {
                    throw ApiException.badRequest(problem.get(), path(index) + ".labels." + name);
                }
                labels.put(name, current.pairs[i + 1]);
            }
            fail(SampleConstraints.checkMetric(current.metric), index, ".metric");
            int series = out.series(new SeriesKey(current.metric,
                    labels.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(labels)));
            known.put(current.copy(), series);
            return series;
        }

        private static String path(int index) {
            return HostBatchJson.itemPath(SAMPLES, index);
        }

        private static void fail(Optional<String> problem, int index, String field) {
            if (problem.isPresent()) {
                throw ApiException.badRequest(problem.get(), path(index) + field);
            }
        }
    }

    /** A series as read: metric and label pairs in the order given, a repeated name keeping its last value. */
    private static final class RawSeries {
        String metric;
        String[] pairs = new String[8];
        int count;

        void reset() {
            metric = null;
            count = 0;
        }

        int labelCount() {
            return count / 2;
        }

        void label(String name, String value) {
            for (int i = 0; i < count; i += 2) {
                if (pairs[i].equals(name)) {
                    pairs[i + 1] = value;
                    return;
                }
            }
            if (count == pairs.length) {
                pairs = Arrays.copyOf(pairs, count * 2);
            }
            pairs[count++] = name;
            pairs[count++] = value;
        }

        RawSeries copy() {
            RawSeries copy = new RawSeries();
            copy.metric = metric;
            copy.pairs = Arrays.copyOf(pairs, count);
            copy.count = count;
            return copy;
        }

        @Override
        public int hashCode() {
            int h = metric == null ? 0 : metric.hashCode();
            for (int i = 0; i < count; i++) {
                h = 31 * h + pairs[i].hashCode();
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof RawSeries other) || count != other.count || !java.util.Objects.equals(metric, other.metric)) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                if (!pairs[i].equals(other.pairs[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
