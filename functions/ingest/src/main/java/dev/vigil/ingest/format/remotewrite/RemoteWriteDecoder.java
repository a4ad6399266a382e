package dev.vigil.ingest.format.remotewrite;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.http.HttpStatus;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Prometheus remote-write 0.1.0 body: snappy block format around a protobuf {@code WriteRequest}
 * (prometheus/prompb/remote.proto and types.proto), decoded with protobuf's generic reader:
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }   (exemplars = 3, histograms = 4: skipped)
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }                   (absent field = 0, as proto3 says)
 * </pre>
 * Unknown fields are skipped, as protobuf readers do, so a newer Prometheus still gets through.
 */
public final class RemoteWriteDecoder {

    private static final int TIMESERIES = 1;
    private static final int METADATA = 3;
    private static final int LABELS = 1;
    private static final int SAMPLES = 2;
    private static final int NAME = 1;
    private static final int VALUE = 2;
    private static final int SAMPLE_VALUE = 1;
    private static final int SAMPLE_TIMESTAMP = 2;

    private final int maxInflatedBytes;

    /** @param maxInflatedBytes limit on the uncompressed body, checked before it is inflated */
    public RemoteWriteDecoder(int maxInflatedBytes) {
        this.maxInflatedBytes = maxInflatedBytes;
    }

    public record Sample(double value, long timestampMs) {
    }

    public record TimeSeries(Map<String, String> labels, List<Sample> samples) {
    }

    /** The series of one request; {@code metadata} counts the metric-metadata entries (field 3), which are not kept. */
    public record WriteRequest(List<TimeSeries> series, int metadata) {
    }

    public WriteRequest decode(byte[] compressed) {
        return parse(uncompress(compressed));
    }

    byte[] uncompress(byte[] compressed) {
        int length;
        try {
            if (!Snappy.isValidCompressedBuffer(compressed)) {
                throw notSnappy(null);
            }
            length = Snappy.uncompressedLength(compressed);
        } catch (IOException e) {
            throw notSnappy(e);
        }
        if (length > maxInflatedBytes) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "snappy body inflates to " + length
                    + " bytes, over the limit of " + maxInflatedBytes, null);
        }
        try {
            return Snappy.uncompress(compressed);
        } catch (IOException e) {
            throw notSnappy(e);
        }
    }

    static WriteRequest parse(byte[] protobuf) {
        List<TimeSeries> series = new ArrayList<>();
        int metadata = 0;
        CodedInputStream in = CodedInputStream.newInstance(protobuf);
        try {
            for (int tag; (tag = in.readTag()) != 0; ) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == TIMESERIES && isMessage(tag)) {
                    series.add(timeSeries(in, series.size()));
                } else if (field == METADATA && isMessage(tag)) {
                    metadata++;
                    in.skipField(tag);
                } else {
                    in.skipField(tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("body is not a valid protobuf WriteRequest (truncated or malformed at byte "
                    + in.getTotalBytesRead() + " of " + protobuf.length + ", after " + series.size() + " time series): "
                    + e.getMessage(), "timeseries[" + series.size() + "]");
        } catch (IOException e) {
            throw ApiException.badRequest("body is not a valid protobuf WriteRequest: " + e.getMessage(), null);
        }
        return new WriteRequest(series, metadata);
    }

    private static TimeSeries timeSeries(CodedInputStream in, int index) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        Map<String, String> labels = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>(1);
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == LABELS && isMessage(tag)) {
                label(in, labels);
            } else if (field == SAMPLES && isMessage(tag)) {
                samples.add(sample(in));
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
        return new TimeSeries(labels, samples);
    }

    private static void label(CodedInputStream in, Map<String, String> labels) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String name = "";
        String value = "";
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NAME -> name = in.readStringRequireUtf8();
                case VALUE -> value = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        labels.put(name, value);
    }

    private static Sample sample(CodedInputStream in) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        double value = 0;
        long timestamp = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case SAMPLE_VALUE -> value = in.readDouble();
                case SAMPLE_TIMESTAMP -> timestamp = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        return new Sample(value, timestamp);
    }

    private static boolean isMessage(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static ApiException notSnappy(Exception cause) {
        return ApiException.badRequest("body is not snappy-compressed (block format, as Prometheus remote write sends it)"
                + (cause == null ? "" : ": " + cause.getMessage()), null);
    }
}
