package dev.vigil.agent.sample;

import java.util.Map;
import java.util.TreeMap;

/** Writes a batch as the ingest JSON by hand: the shape is small and fixed, a JSON library would cost more memory than it saves. */
public final class SampleBatchJson {

    private SampleBatchJson() {
    }

    public static String write(SampleBatch batch) {
        StringBuilder out = new StringBuilder(64 + batch.samples().size() * 96);
        out.append("{\"host\":");
        string(out, batch.host());
        out.append(",\"samples\":[");
        boolean first = true;
        for (Sample s : batch.samples()) {
            if (!Double.isFinite(s.value())) {
                continue; // ingest rejects the whole batch for one non-finite value
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"metric\":");
            string(out, s.metric());
            out.append(",\"labels\":{");
            boolean firstLabel = true;
            for (Map.Entry<String, String> label : new TreeMap<>(s.labels()).entrySet()) {
                if (!firstLabel) {
                    out.append(',');
                }
                firstLabel = false;
                string(out, label.getKey());
                out.append(':');
                string(out, label.getValue());
            }
            out.append("},\"ts\":").append(s.ts()).append(",\"value\":");
            number(out, s.value());
            out.append('}');
        }
        out.append("]}");
        return out.toString();
    }

    private static void number(StringBuilder out, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }

    public static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
