package dev.vigil.ingest.format.remotewrite;

import dev.vigil.ingest.error.ApiException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder against bodies built field by field: what Prometheus sends, and what it must never turn into a 500. */
class RemoteWriteDecoderTest {

    static final long TS = 1_795_000_000_000L;
    static final long STALE_MARKER = 0x7ff0000000000002L;

    final RemoteWriteDecoder decoder = new RemoteWriteDecoder(1024 * 1024);

    @Test
    void decodesLabelsValuesAndTimestamps() {
        byte[] body = new RemoteWriteBodies()
                .add("node_load1", "db-01:9100", Map.of(), 0.75, TS)
                .add("node_filesystem_avail_bytes", "db-01:9100", Map.of("mountpoint", "/", "fstype", "ext4"), 1e9, TS + 1)
                .snappy();

        RemoteWriteDecoder.WriteRequest request = decoder.decode(body);

        assertEquals(2, request.series().size());
        RemoteWriteDecoder.TimeSeries load = request.series().get(0);
        assertEquals(Map.of("__name__", "node_load1", "instance", "db-01:9100", "job", "node"), load.labels());
        assertEquals(new RemoteWriteDecoder.Sample(0.75, TS), load.samples().get(0));
        assertEquals("/", request.series().get(1).labels().get("mountpoint"));
        assertEquals(TS + 1, request.series().get(1).samples().get(0).timestampMs());
    }

    @Test
    void aMissingValueFieldIsZeroAsProto3Says() {
        byte[] body = new RemoteWriteBodies().add("node_procs_blocked", "db-01:9100", Map.of(), null, TS).snappy();

        assertEquals(0.0, decoder.decode(body).series().get(0).samples().get(0).value());
    }

    @Test
    void nanAndStaleMarkersAreDecodedAsNaNForTheCollectorToDrop() {
        byte[] body = new RemoteWriteBodies()
                .add("up", "db-01:9100", Map.of(), Double.NaN, TS)
                .add("up", "db-01:9100", Map.of(), Double.longBitsToDouble(STALE_MARKER), TS + 15_000)
                .snappy();

        RemoteWriteDecoder.WriteRequest request = decoder.decode(body);

        assertTrue(Double.isNaN(request.series().get(0).samples().get(0).value()));
        assertEquals(STALE_MARKER, Double.doubleToRawLongBits(request.series().get(1).samples().get(0).value()));
    }

    @Test
    void metadataOnlyRequestsDecodeToNoSeries() {
        RemoteWriteDecoder.WriteRequest request = decoder.decode(new RemoteWriteBodies().metadata(3).snappy());

        assertEquals(0, request.series().size());
        assertEquals(3, request.metadata());
    }

    @Test
    void aBodyThatIsNotSnappyIsA400SayingSo() {
        ApiException e = assertThrows(ApiException.class,
                () -> decoder.decode("# HELP up\nup 1\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals(400, e.status().getCode());
        assertTrue(e.getMessage().contains("not snappy"), e.getMessage());
    }

    @Test
    void uncompressedProtobufIsNotSnappyEither() {
        byte[] raw = new RemoteWriteBodies().add("node_load1", "db-01:9100", Map.of(), 1.0, TS).protobuf();

        ApiException e = assertThrows(ApiException.class, () -> decoder.decode(raw));

        assertEquals(400, e.status().getCode());
    }

    @Test
    void aTruncatedProtobufIsA400NamingTheSeries() {
        byte[] raw = new RemoteWriteBodies()
                .add("node_load1", "db-01:9100", Map.of(), 1.0, TS)
                .add("node_load5", "db-01:9100", Map.of(), 1.0, TS)
                .protobuf();
        byte[] cut = Arrays.copyOf(raw, raw.length - 7);

        ApiException e = assertThrows(ApiException.class, () -> decoder.decode(RemoteWriteBodies.snappy(cut)));

        assertEquals(400, e.status().getCode());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals("timeseries[1]", e.field());
    }

    @Test
    void aBodyThatInflatesOverTheLimitIs413BeforeItIsInflated() {
        byte[] zeros = new byte[64 * 1024];
        RemoteWriteDecoder small = new RemoteWriteDecoder(16 * 1024);

        ApiException e = assertThrows(ApiException.class, () -> small.decode(RemoteWriteBodies.snappy(zeros)));

        assertEquals(413, e.status().getCode());
    }

    @Test
    void unknownFieldsAreSkippedAsProtobufReadersDo() {
        byte[] series = new RemoteWriteBodies().add("node_load1", "db-01:9100", Map.of(), 2.0, TS).protobuf();
        byte[] withExtra = RemoteWriteBodies.message(out -> {
            out.writeRawBytes(series);
            out.writeString(7, "from a newer Prometheus");
            out.writeInt64(9, 42);
        });

        assertEquals(1, decoder.decode(RemoteWriteBodies.snappy(withExtra)).series().size());
    }

    @Test
    void portsAreStrippedFromTheInstance() {
        assertEquals("db-01", RemoteWriteFormat.hostOf("db-01:9100"));
        assertEquals("10.0.0.5", RemoteWriteFormat.hostOf("10.0.0.5:9100"));
        assertEquals("::1", RemoteWriteFormat.hostOf("[::1]:9100"));
        assertEquals("db-01", RemoteWriteFormat.hostOf("db-01"));
    }
}
