package dev.vigil.ingest.format.prometheus;

import dev.vigil.core.counter.CounterRates;
import dev.vigil.ingest.format.FormatRequest;
import dev.vigil.ingest.format.IngestFormat;
import dev.vigil.ingest.format.MappedBatch;
import dev.vigil.ingest.format.SampleCollector;
import dev.vigil.ingest.sample.IngestProperties;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;

/** Prometheus text for the host named in the path; a Pushgateway job becomes a label of kept series. */
@Singleton
public class PrometheusFormat implements IngestFormat {

    /** text/plain is the exposition's own type; curl --data-binary (the usual Pushgateway script) sends a form type. */
    private static final Set<String> CONTENT_TYPES = Set.of("text/plain",
            "application/x-www-form-urlencoded", "application/octet-stream");

    private final IngestProperties limits;

    public PrometheusFormat(IngestProperties limits) {
        this.limits = limits;
    }

    @Override
    public Set<String> contentTypes() {
        return CONTENT_TYPES;
    }

    @Override
    public MappedBatch read(byte[] body, FormatRequest request, CounterRates rates) {
        PromExposition scrape = new PrometheusTextParser(limits.getMaxBatchSamples()).parse(body);
        PromTimestamps.check(scrape, request.receivedAt());
        SampleCollector out = new SampleCollector(limits.getMaxBatchSamples());
        String job = request.params().get("job");
        Map<String, String> extra = job == null ? Map.of() : Map.of("job", job);
        new NodeExporterMapper(rates, out, request.receivedAt(), extra).map(scrape);
        return out.toBatch(request.pathHost());
    }
}
