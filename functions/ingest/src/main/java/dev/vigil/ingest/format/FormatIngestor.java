package dev.vigil.ingest.format;

import dev.vigil.core.counter.CounterRates;
import dev.vigil.core.counter.CounterStateStore;
import dev.vigil.core.host.Host;
import dev.vigil.core.sample.WriteResult;
import dev.vigil.ingest.sample.SampleBatch;
import dev.vigil.ingest.sample.SampleIngestor;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one flow of every sender format: parse and map the whole body, store it in one
 * {@link SampleIngestor} call (host check, rate limit, one transaction), then remember the counter
 * readings. State is saved only after the samples are stored; if that save fails, the next rate is
 * simply taken over a longer interval, which is still correct.
 */
@Singleton
public class FormatIngestor {

    private final SampleIngestor ingestor;
    private final CounterStateStore counters;
    private final TransactionOperations<Connection> transactions;

    public FormatIngestor(SampleIngestor ingestor, CounterStateStore counters, TransactionOperations<Connection> transactions) {
        this.ingestor = ingestor;
        this.counters = counters;
        this.transactions = transactions;
    }

    public FormatWriteResult ingest(IngestFormat format, FormatRequest request, byte[] body) {
        CounterRates rates = counters.ratesFor(request.sender().id());
        MappedBatch batch = format.read(body, request, rates);
        WriteResult written = ingestor.ingest(request.sender(), new SampleBatch(batch.host(), batch.samples()));
        counters.save(request.sender().id(), rates.newReadings());
        return new FormatWriteResult(written.accepted(), written.duplicates(), batch.dropped());
    }

    /** Maps one host's part of a body that carries several hosts, advancing that host's counters. */
    @FunctionalInterface
    public interface HostPart {
        MappedBatch read(CounterRates rates);
    }

    /**
     * The same flow for a body that carries several hosts (Prometheus remote write): each host's part is mapped
     * with its own counter state, and all hosts' samples commit in one transaction, so the body is stored whole
     * or not at all.
     *
     * @param droppedBefore values dropped before the per-host mapping (no host label, bad timestamp)
     */
    public FormatWriteResult ingestHosts(Map<Host, HostPart> parts, int droppedBefore) {
        record Mapped(Host host, CounterRates rates, MappedBatch batch) {
        }
        List<Mapped> mapped = new ArrayList<>(parts.size());
        int dropped = droppedBefore;
        for (Map.Entry<Host, HostPart> part : parts.entrySet()) {
            CounterRates rates = counters.ratesFor(part.getKey().id());
            MappedBatch batch = part.getValue().read(rates);
            mapped.add(new Mapped(part.getKey(), rates, batch));
            dropped += batch.dropped();
        }
        WriteResult written = transactions.executeWrite(status -> {
            int accepted = 0;
            int duplicates = 0;
            for (Mapped m : mapped) {
                WriteResult one = ingestor.ingest(m.host(), new SampleBatch(m.batch().host(), m.batch().samples()));
                accepted += one.accepted();
                duplicates += one.duplicates();
            }
            return new WriteResult(accepted, duplicates);
        });
        for (Mapped m : mapped) {
            counters.save(m.host().id(), m.rates().newReadings());
        }
        return new FormatWriteResult(written.accepted(), written.duplicates(), dropped);
    }
}
