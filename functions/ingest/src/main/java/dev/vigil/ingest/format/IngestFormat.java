package dev.vigil.ingest.format;

import dev.vigil.core.counter.CounterRates;

import java.util.Set;

/** One sender format: reads a whole body into contract-named samples, or refuses it with the line at fault. */
public interface IngestFormat {

    /** Media types (without parameters) a sender of this format may declare. */
    Set<String> contentTypes();

    /**
     * Parses and maps the body. Counters advance {@code rates}; nothing is stored here.
     *
     * @throws dev.vigil.ingest.error.ApiException 400 naming the line (or value list) that is malformed
     */
    MappedBatch read(byte[] body, FormatRequest request, CounterRates rates);
}
