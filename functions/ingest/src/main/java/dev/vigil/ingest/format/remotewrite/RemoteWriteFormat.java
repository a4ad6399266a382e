package dev.vigil.ingest.format.remotewrite;

import dev.vigil.common.SampleConstraints;
import dev.vigil.ingest.format.FormatIngestor;
import dev.vigil.ingest.format.SampleCollector;
import dev.vigil.ingest.format.prometheus.NodeExporterMapper;
import dev.vigil.ingest.format.prometheus.PromExposition;
import dev.vigil.ingest.format.prometheus.PromSample;
import dev.vigil.ingest.sample.IngestProperties;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prometheus remote write as another sender format: a decoded {@code WriteRequest} is split by host (the
 * configured host label, {@code instance} by default, port stripped) and by timestamp, and each host's
 * samples of one timestamp (one scrape) go through the same {@link NodeExporterMapper} as the text format.
 * Remote write carries no TYPE lines, so a name ending in {@code _total} (the Prometheus naming rule for
 * counters) is the counter test. Series without a name or a host, and samples whose timestamp Vigil would
 * refuse, are dropped and counted; NaN and stale markers are dropped and counted by the collector.
 */
@Singleton
public class RemoteWriteFormat {

    public static final Set<String> CONTENT_TYPES = Set.of("application/x-protobuf");
    private static final String METRIC_NAME = "__name__";
    private static final String COUNTER_SUFFIX = "_total";

    private final IngestProperties limits;
    private final RemoteWriteProperties properties;

    public RemoteWriteFormat(IngestProperties limits, RemoteWriteProperties properties) {
        this.limits = limits;
        this.properties = properties;
    }

    public RemoteWriteDecoder decoder() {
        return new RemoteWriteDecoder(limits.getMaxBodyBytes());
    }

    /** One host's samples by timestamp, and values dropped before any host was known. */
    public record Split(Map<String, NavigableMap<Long, List<PromSample>>> byHost, int dropped) {
    }

    public Split split(RemoteWriteDecoder.WriteRequest request, long now) {
        Map<String, NavigableMap<Long, List<PromSample>>> byHost = new LinkedHashMap<>();
        int dropped = 0;
        String hostLabel = properties.getHostLabel();
        int index = 0;
        for (RemoteWriteDecoder.TimeSeries series : request.series()) {
            index++;
            Map<String, String> labels = new TreeMap<>(series.labels());
            String name = labels.remove(METRIC_NAME);
            String instance = labels.remove(hostLabel);
            if (name == null || name.isEmpty() || instance == null || instance.isEmpty()) {
                dropped += series.samples().size();
                continue;
            }
            NavigableMap<Long, List<PromSample>> scrapes = byHost.computeIfAbsent(hostOf(instance), h -> new TreeMap<>());
            for (RemoteWriteDecoder.Sample s : series.samples()) {
                if (SampleConstraints.checkTimestamp(s.timestampMs(), now).isPresent()) {
                    dropped++;
                } else {
                    scrapes.computeIfAbsent(s.timestampMs(), ts -> new ArrayList<>())
                            .add(new PromSample(name, labels, s.value(), s.timestampMs(), index));
                }
            }
        }
        return new Split(byHost, dropped);
    }

    /** Maps one host's scrapes in time order, so counters advance from each scrape to the next. */
    public FormatIngestor.HostPart part(String host, NavigableMap<Long, List<PromSample>> scrapes, long now) {
        return rates -> {
            SampleCollector out = new SampleCollector(limits.getMaxBatchSamples());
            for (List<PromSample> scrape : scrapes.values()) {
                new NodeExporterMapper(rates, out, now, Map.of()).map(new PromExposition(scrape, counterTypes(scrape)));
            }
            return out.toBatch(host);
        };
    }

    private static Map<String, String> counterTypes(List<PromSample> scrape) {
        Map<String, String> types = new HashMap<>();
        for (PromSample s : scrape) {
            if (s.name().endsWith(COUNTER_SUFFIX)) {
                types.put(s.name(), "counter");
            }
        }
        return types;
    }

    /** {@code host:9100} and {@code [::1]:9100} lose the port; a bare name or address stays as it is. */
    static String hostOf(String instance) {
        if (instance.startsWith("[")) {
            int close = instance.indexOf(']');
            return close > 0 ? instance.substring(1, close) : instance;
        }
        int colon = instance.lastIndexOf(':');
        if (colon > 0 && instance.indexOf(':') == colon && isPort(instance.substring(colon + 1))) {
            return instance.substring(0, colon);
        }
        return instance;
    }

    private static boolean isPort(String text) {
        return !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit);
    }
}
