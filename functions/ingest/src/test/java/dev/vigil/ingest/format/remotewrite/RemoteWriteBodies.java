package dev.vigil.ingest.format.remotewrite;

import com.google.protobuf.CodedOutputStream;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds remote-write bodies by hand, field by field, as Prometheus's prompb would encode them. */
public final class RemoteWriteBodies {

    /** One series with one sample; {@code value} null leaves the value field out (proto3's encoding of 0). */
    public record Series(Map<String, String> labels, Double value, long ts) {

        public static Series of(String name, String instance, Map<String, String> labels, Double value, long ts) {
            Map<String, String> all = new TreeMap<>(labels);
            all.put("__name__", name);
            if (instance != null) {
                all.put("instance", instance);
            }
            all.put("job", "node");
            return new Series(all, value, ts);
        }
    }

    private final List<Series> series = new ArrayList<>();
    private int metadata;

    public RemoteWriteBodies add(Series s) {
        series.add(s);
        return this;
    }

    public RemoteWriteBodies add(String name, String instance, Map<String, String> labels, Double value, long ts) {
        return add(Series.of(name, instance, labels, value, ts));
    }

    public RemoteWriteBodies metadata(int entries) {
        metadata += entries;
        return this;
    }

    public byte[] protobuf() {
        return message(out -> {
            for (Series s : series) {
                out.writeByteArray(1, timeSeries(s));
            }
            for (int i = 0; i < metadata; i++) {
                out.writeByteArray(3, message(m -> {
                    m.writeEnum(1, 1); // COUNTER
                    m.writeString(2, "node_cpu_seconds_total");
                    m.writeString(4, "Seconds the CPUs spent in each mode.");
                }));
            }
        });
    }

    public byte[] snappy() {
        return snappy(protobuf());
    }

    public static byte[] snappy(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] timeSeries(Series s) throws IOException {
        return message(out -> {
            for (Map.Entry<String, String> label : new TreeMap<>(s.labels()).entrySet()) {
                out.writeByteArray(1, message(l -> {
                    l.writeString(1, label.getKey());
                    l.writeString(2, label.getValue());
                }));
            }
            out.writeByteArray(2, message(sample -> {
                if (s.value() != null) {
                    sample.writeDouble(1, s.value());
                }
                sample.writeInt64(2, s.ts());
            }));
        });
    }

    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
