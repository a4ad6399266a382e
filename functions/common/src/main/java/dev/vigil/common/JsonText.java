package dev.vigil.common;

import java.util.Map;
import java.util.TreeMap;

/**
 * JSON strings and label objects written by hand, for the few small fixed shapes where a JSON library would cost
 * more than it saves (the agent's batches, the stored {@code labels} column). Labels are written sorted by name, so
 * equal maps give equal text.
 */
public final class JsonText {

    private JsonText() {
    }

    /** Appends {@code value} as a quoted JSON string, escaping quotes, backslashes and control characters. */
    public static void appendString(StringBuilder out, String value) {
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

    /** Appends {@code labels} as a JSON object of strings, sorted by name. */
    public static void appendLabels(StringBuilder out, Map<String, String> labels) {
        out.append('{');
        boolean first = true;
        Map<String, String> sorted = labels instanceof java.util.SortedMap<String, String> s && s.comparator() == null
                ? s : new TreeMap<>(labels);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, e.getKey());
            out.append(':');
            appendString(out, e.getValue());
        }
        out.append('}');
    }

    /** {@code labels} as a JSON object of strings, sorted by name. */
    public static String labels(Map<String, String> labels) {
        StringBuilder out = new StringBuilder(16 + labels.size() * 24);
        appendLabels(out, labels);
        return out.toString();
    }
}
