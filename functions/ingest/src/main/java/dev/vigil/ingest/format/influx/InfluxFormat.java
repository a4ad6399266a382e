package dev.vigil.ingest.format.influx;

import dev.vigil.common.SampleConstraints;
import dev.vigil.core.counter.CounterRates;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.format.FormatRequest;
import dev.vigil.ingest.format.IngestFormat;
import dev.vigil.ingest.format.LineError;
import dev.vigil.ingest.format.MappedBatch;
import dev.vigil.ingest.format.SampleCollector;
import dev.vigil.ingest.sample.IngestProperties;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Line protocol; each line's host tag must be the token's host (a line without one is the token's host). */
@Singleton
public class InfluxFormat implements IngestFormat {

    private static final Set<String> CONTENT_TYPES = Set.of("text/plain", "application/octet-stream",
            "application/x-www-form-urlencoded");

    private final IngestProperties limits;

    public InfluxFormat(IngestProperties limits) {
        this.limits = limits;
    }

    @Override
    public Set<String> contentTypes() {
        return CONTENT_TYPES;
    }

    @Override
    public MappedBatch read(byte[] body, FormatRequest request, CounterRates rates) {
        InfluxPrecision precision = InfluxPrecision.of(request.param("precision", "ns"));
        List<InfluxPoint> points = new InfluxLineParser(limits.getMaxBatchSamples()).parse(body);
        String host = request.sender().name();
        SampleCollector out = new SampleCollector(limits.getMaxBatchSamples());
        TelegrafMapper mapper = new TelegrafMapper(rates, out);
        for (InfluxPoint point : points) {
            Map<String, String> tags = new TreeMap<>(point.tags());
            String pointHost = tags.remove("host");
            if (pointHost != null) {
                ApiAuth.requireOwnHost(request.sender(), pointHost, "line " + point.line() + ": ", "line " + point.line());
            }
            long ts = point.timestamp() == null ? request.receivedAt() : precision.toMillis(point.timestamp());
            SampleConstraints.checkTimestamp(ts, request.receivedAt()).ifPresent(problem -> {
                throw LineError.at(point.line(), problem + " (timestamps are read in precision "
                        + request.param("precision", "ns") + ")");
            });
            mapper.map(point, tags, ts);
        }
        mapper.finish();
        return out.toBatch(host);
    }
}
