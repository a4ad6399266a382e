package dev.vigil.agent.sample;

import dev.vigil.common.JsonText;

/** Writes a batch as the ingest JSON by hand: the shape is small and fixed, a JSON library would cost more memory than it saves. */
public final class SampleBatchJson {

    private SampleBatchJson() {
    }

    public static String write(SampleBatch batch) {
        StringBuilder out = new StringBuilder(64 + batch.samples().size() * 96);
        out.append("{\"host\":");
        JsonText.appendString(out, batch.host());
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
            JsonText.appendString(out, s.metric());
            out.append(",\"labels\":");
            JsonText.appendLabels(out, s.labels());
            out.append(",\"ts\":").append(s.ts()).append(",\"value\":");
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
}
