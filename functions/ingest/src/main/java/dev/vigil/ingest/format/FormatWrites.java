package dev.vigil.ingest.format;

import dev.vigil.core.host.Host;
import dev.vigil.ingest.sample.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What every format's write endpoint does once it knows who sent the body: check the body (present, within the
 * size limit, of a content type the format reads), stamp the receive time, and store it whole through
 * {@link FormatIngestor}. The controllers keep only what differs: their paths, how a sender authenticates,
 * and how they answer.
 */
@Singleton
public class FormatWrites {

    private final RequestBodies bodies;
    private final FormatIngestor ingestor;
    private final Clock clock;

    public FormatWrites(RequestBodies bodies, FormatIngestor ingestor, Clock clock) {
        this.bodies = bodies;
        this.ingestor = ingestor;
        this.clock = clock;
    }

    /** Stores {@code body} in {@code format} for {@code sender} ({@code pathHost}: the host a path names, if any). */
    public FormatWriteResult write(IngestFormat format, Host sender, @Nullable String pathHost, Map<String, String> params,
                                   @Nullable String contentType, @Nullable byte[] body) {
        return write(format, sender, pathHost, params, contentType, body, UnaryOperator.identity());
    }

    /** The same, with {@code decode} undoing a content encoding (gzip) after the body's checks. */
    public FormatWriteResult write(IngestFormat format, Host sender, @Nullable String pathHost, Map<String, String> params,
                                   @Nullable String contentType, @Nullable byte[] body, UnaryOperator<byte[]> decode) {
        byte[] checked = bodies.require(body, contentType, format.contentTypes());
        FormatRequest request = new FormatRequest(sender, pathHost, params, clock.millis());
        return ingestor.ingest(format, request, decode.apply(checked));
    }

    /** The checked body, for a format that splits one body over many hosts itself (remote write). */
    public byte[] requireBody(@Nullable byte[] body, @Nullable String contentType, Set<String> accepted) {
        return bodies.require(body, contentType, accepted);
    }

    /** Stores the per-host parts of one body whole: see {@link FormatIngestor#ingestHosts}. */
    public FormatWriteResult writeHosts(Map<Host, FormatIngestor.HostPart> parts, int droppedBefore) {
        return ingestor.ingestHosts(parts, droppedBefore);
    }

    public long now() {
        return clock.millis();
    }
}
