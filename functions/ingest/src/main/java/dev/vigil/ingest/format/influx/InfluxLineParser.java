package dev.vigil.ingest.format.influx;

import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.format.TextLines;
import dev.vigil.ingest.format.LineError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * InfluxDB line protocol: {@code measurement[,tag=v...] field=v[,field=v...] [timestamp]} with
 * backslash escapes (measurement: comma, space; tag keys/values and field keys: comma, equals,
 * space; string fields: quote, backslash), float/integer (i)/unsigned (u)/bool/string fields.
 * Any malformed line is a 400 naming the line.
 */
public final class InfluxLineParser {

    private final int maxValues;

    public InfluxLineParser(int maxValues) {
        this.maxValues = maxValues;
    }

    public List<InfluxPoint> parse(byte[] body) {
        List<InfluxPoint> points = new ArrayList<>();
        int values = 0;
        for (TextLines.Line numbered : TextLines.of(body)) {
            int lineNo = numbered.number();
            String trimmed = numbered.text().stripLeading();
            if (trimmed.isBlank() || trimmed.charAt(0) == '#') {
                continue;
            }
            InfluxPoint point = new LineReader(trimmed, lineNo).point();
            values += point.fields().size();
            if (values > maxValues) {
                throw ApiException.badRequest("body has more than " + maxValues + " field values; split it", null);
            }
            points.add(point);
        }
        return points;
    }

    private static final class LineReader {
        private final String s;
        private final int lineNo;
        private int pos;

        LineReader(String s, int lineNo) {
            this.s = s;
            this.lineNo = lineNo;
        }

        InfluxPoint point() {
            String measurement = escaped(",  ".toCharArray(), false);
            if (measurement.isEmpty()) {
                throw error("missing measurement name");
            }
            Map<String, String> tags = new TreeMap<>();
            while (peek() == ',') {
                pos++;
                String key = escaped(new char[]{',', '=', ' '}, true);
                expect('=', "after tag key '" + key + "'");
                String value = escaped(new char[]{',', '=', ' '}, true);
                if (key.isEmpty() || value.isEmpty()) {
                    throw error("tag key and value must not be empty");
                }
                tags.put(key, value);
            }
            expect(' ', "between the measurement and its fields");
            Map<String, Object> fields = new LinkedHashMap<>();
            do {
                String key = escaped(new char[]{',', '=', ' '}, true);
                if (key.isEmpty()) {
                    throw error("missing field key");
                }
                expect('=', "after field key '" + key + "'");
                fields.put(key, fieldValue(key));
            } while (consume(','));
            Long timestamp = null;
            if (consume(' ')) {
                while (consume(' ')) {
                    // tolerate extra spaces before the timestamp
                }
                int from = pos;
                while (pos < s.length() && s.charAt(pos) != ' ') {
                    pos++;
                }
                String token = s.substring(from, pos);
                if (!token.isEmpty()) {
                    try {
                        timestamp = Long.parseLong(token);
                    } catch (NumberFormatException e) {
                        throw error("timestamp '" + token + "' is not an integer");
                    }
                }
                if (!s.substring(pos).isBlank()) {
                    throw error("unexpected text after the timestamp");
                }
            } else if (pos < s.length()) {
                throw error("unexpected character '" + s.charAt(pos) + "'");
            }
            return new InfluxPoint(measurement, tags, fields, timestamp, lineNo);
        }

        private Object fieldValue(String key) {
            if (peek() == '"') {
                pos++;
                StringBuilder out = new StringBuilder();
                while (pos < s.length()) {
                    char c = s.charAt(pos++);
                    if (c == '"') {
                        return out.toString();
                    }
                    if (c == '\\' && pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\\')) {
                        c = s.charAt(pos++);
                    }
                    out.append(c);
                }
                throw error("string value of field '" + key + "' is not closed with '\"'");
            }
            int from = pos;
            while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ' ') {
                pos++;
            }
            String token = s.substring(from, pos);
            if (token.isEmpty()) {
                throw error("missing value of field '" + key + "'");
            }
            switch (token) {
                case "t", "T", "true", "True", "TRUE":
                    return Boolean.TRUE;
                case "f", "F", "false", "False", "FALSE":
                    return Boolean.FALSE;
                default:
            }
            char last = token.charAt(token.length() - 1);
            try {
                if (last == 'i') {
                    return Long.parseLong(token.substring(0, token.length() - 1));
                }
                if (last == 'u') {
                    // a uint64 above Long.MAX_VALUE must not wrap negative: read it as the double it is
                    String digits = token.substring(0, token.length() - 1);
                    if (digits.startsWith("-") || digits.startsWith("+")) {
                        throw new NumberFormatException();
                    }
                    return new java.math.BigInteger(digits).doubleValue();
                }
                for (int i = 0; i < token.length(); i++) {
                    char c = token.charAt(i);
                    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                        throw new NumberFormatException();
                    }
                }
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw error("value '" + token + "' of field '" + key + "' is not a number, boolean or quoted string");
            }
        }

        /** Reads up to an unescaped stop character; a backslash before a stop character (or itself, if allowed) escapes it. */
        private String escaped(char[] stops, boolean backslashEscapes) {
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\' && pos + 1 < s.length()) {
                    char next = s.charAt(pos + 1);
                    if (isStop(next, stops) || (backslashEscapes && next == '\\')) {
                        out.append(next);
                        pos += 2;
                        continue;
                    }
                }
                if (isStop(c, stops)) {
                    break;
                }
                out.append(c);
                pos++;
            }
            return out.toString();
        }

        private static boolean isStop(char c, char[] stops) {
            for (char stop : stops) {
                if (c == stop) {
                    return true;
                }
            }
            return false;
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private boolean consume(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c, String where) {
            if (!consume(c)) {
                throw error("expected " + (c == ' ' ? "a space" : "'" + c + "'") + " " + where
                        + (pos < s.length() ? ", found '" + s.charAt(pos) + "'" : ", found the end of the line"));
            }
        }

        private ApiException error(String problem) {
            return LineError.at(lineNo, problem + " (column " + (pos + 1) + ")");
        }
    }
}
