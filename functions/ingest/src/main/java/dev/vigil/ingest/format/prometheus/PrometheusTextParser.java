package dev.vigil.ingest.format.prometheus;

import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.format.TextLines;
import dev.vigil.ingest.format.LineError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prometheus text exposition format 0.0.4 (and the OpenMetrics subset node_exporter and client
 * libraries emit): HELP/TYPE comments, label values with \\, \" and \n escapes, optional millisecond
 * timestamps. NaN and ±Inf values are parsed, not refused: the mapper drops and counts them.
 * Any other malformed line is a 400 naming the line.
 */
public final class PrometheusTextParser {

    private static final Set<String> TYPES = Set.of(
            "counter", "gauge", "histogram", "summary", "untyped", "unknown", "info", "stateset", "gaugehistogram");

    private final int maxSamples;

    public PrometheusTextParser(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    public PromExposition parse(byte[] body) {
        List<PromSample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (TextLines.Line numbered : TextLines.of(body)) {
            int lineNo = numbered.number();
            String trimmed = numbered.text().strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.charAt(0) == '#') {
                comment(trimmed, lineNo, types);
                continue;
            }
            if (samples.size() == maxSamples) {
                throw ApiException.badRequest("body has more than " + maxSamples + " samples; split it", null);
            }
            samples.add(new LineReader(trimmed, lineNo).sample());
        }
        return new PromExposition(samples, types);
    }

    private static void comment(String line, int lineNo, Map<String, String> types) {
        String[] tokens = line.substring(1).strip().split("[ \t]+", 3);
        if (!tokens[0].equals("TYPE")) {
            return; // HELP, EOF and free comments carry nothing to store
        }
        if (tokens.length < 3) {
            throw LineError.at(lineNo, "TYPE needs a metric name and a type");
        }
        String type = tokens[2].strip().toLowerCase();
        if (!TYPES.contains(type)) {
            throw LineError.at(lineNo, "unknown metric type '" + tokens[2].strip() + "'");
        }
        types.put(tokens[1], type);
    }

    /** Reads one sample line left to right; every failure names the line and the column. */
    private static final class LineReader {
        private final String s;
        private final int lineNo;
        private int pos;

        LineReader(String s, int lineNo) {
            this.s = s;
            this.lineNo = lineNo;
        }

        PromSample sample() {
            String name = name(true);
            if (name.isEmpty()) {
                throw error("expected a metric name");
            }
            Map<String, String> labels = new TreeMap<>();
            boolean separated = skipBlanks();
            if (peek() == '{') {
                pos++;
                labels(labels);
                skipBlanks();
                separated = true; // "}" already ends the name part

            }
            if (pos >= s.length()) {
                throw error("missing value after '" + name + "'");
            }
            if (!separated) {
                throw error("unexpected character '" + s.charAt(pos) + "'");
            }
            String valueToken = token();
            double value = value(valueToken);
            Long ts = null;
            if (skipBlanks() && pos < s.length()) {
                String tsToken = token();
                try {
                    ts = Long.parseLong(tsToken);
                } catch (NumberFormatException e) {
                    throw error("timestamp '" + tsToken + "' is not an integer (epoch milliseconds)");
                }
                skipBlanks();
                if (pos < s.length()) {
                    throw error("unexpected text after the timestamp");
                }
            }
            return new PromSample(name, labels, value, ts, lineNo);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                String label = name(false);
                if (label.isEmpty()) {
                    throw error("expected a label name or '}'");
                }
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                String value = quoted();
                if (labels.put(label, value) != null) {
                    throw error("label '" + label + "' appears twice");
                }
                skipBlanks();
                char c = peek();
                if (c == ',') {
                    pos++;
                } else if (c != '}') {
                    throw error("expected ',' or '}' after the value of label '" + label + "'");
                }
            }
        }

        private String quoted() {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case '\\' -> out.append('\\');
                        case '"' -> out.append('"');
                        default -> out.append('\\').append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            throw error("label value is not closed with '\"'");
        }

        private String name(boolean colonAllowed) {
            int from = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':');
                boolean digit = c >= '0' && c <= '9';
                if (letter || (digit && pos > from)) {
                    pos++;
                } else {
                    break;
                }
            }
            return s.substring(from, pos);
        }

        private double value(String token) {
            switch (token.toLowerCase()) {
                case "nan":
                    return Double.NaN;
                case "+inf", "inf", "+infinity", "infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                    throw error("value '" + token + "' is not a number");
                }
            }
            try {
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw error("value '" + token + "' is not a number");
            }
        }

        private String token() {
            int from = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            return s.substring(from, pos);
        }

        private boolean skipBlanks() {
            int from = pos;
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
            return pos > from || pos >= s.length();
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'" + (pos < s.length() ? " but found '" + s.charAt(pos) + "'" : " before the end of the line"));
            }
            pos++;
        }

        private ApiException error(String problem) {
            return LineError.at(lineNo, problem + " (column " + (pos + 1) + ")");
        }
    }
}
