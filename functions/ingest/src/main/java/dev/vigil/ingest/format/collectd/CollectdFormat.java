package dev.vigil.ingest.format.collectd;

import dev.vigil.common.SampleConstraints;
import dev.vigil.core.counter.CounterRates;
import dev.vigil.ingest.auth.ApiAuth;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.format.FormatRequest;
import dev.vigil.ingest.format.IngestFormat;
import dev.vigil.ingest.format.MappedBatch;
import dev.vigil.ingest.format.SampleCollector;
import dev.vigil.ingest.sample.IngestProperties;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/** collectd write_http JSON; every value list's host must be the token's host. */
@Singleton
public class CollectdFormat implements IngestFormat {

    private final IngestProperties limits;

    public CollectdFormat(IngestProperties limits) {
        this.limits = limits;
    }

    @Override
    public Set<String> contentTypes() {
        return Set.of("application/json");
    }

    @Override
    public MappedBatch read(byte[] body, FormatRequest request, CounterRates rates) {
        List<CollectdValueList> lists = new CollectdJsonParser(limits.getMaxBatchSamples(), request.receivedAt()).parse(body);
        String host = request.sender().name();
        for (CollectdValueList list : lists) {
            ApiAuth.requireOwnHost(request.sender(), list.host(), "value list " + list.index() + ": ",
                    "[" + list.index() + "].host");
            SampleConstraints.checkTimestamp(list.timeMs(), request.receivedAt()).ifPresent(problem -> {
                throw ApiException.badRequest("value list " + list.index() + ": " + problem, "[" + list.index() + "].time");
            });
        }
        SampleCollector out = new SampleCollector(limits.getMaxBatchSamples());
        new CollectdMapper(rates, out).map(lists);
        return out.toBatch(host);
    }
}
