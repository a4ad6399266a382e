package dev.vigil.ingest.logline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.common.SampleConstraints;
import dev.vigil.core.logline.LogLine;
import dev.vigil.core.logline.LogLinesProperties;
import dev.vigil.ingest.error.ApiException;
import dev.vigil.ingest.json.HostBatchJson;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code {"host", "lines": [{"log","pattern","severity","ts","line"}]}} strictly: every wrong field is a
 * 400 naming its JSON path (lines[3].line), unknown fields included, so nothing unchecked is stored.
 * Invalid UTF-8 in the body is refused by the JSON reader as malformed.
 */
@Singleton
public class LogLineBatchParser {

    /** The agent's log and pattern names (agent config check): label values and URL parameters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> SEVERITIES = Set.of("warning", "critical");
    private static final JsonFactory JSON = new JsonFactory();

    /** What a valid body holds, lines still without the host (it comes from the token). */
    public record Batch(String host, List<LogLine> lines) {
    }

    private final LogLinesProperties limits;
    private final Clock clock;

    public LogLineBatchParser(LogLinesProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public Batch parse(byte[] body) {
        long now = clock.millis();
        HostBatchJson.Envelope<LogLine> batch = HostBatchJson.read(JSON, body, "lines", limits.getMaxPerRequest(),
                "at most " + limits.getMaxPerRequest() + " lines per request", HostBatchJson.UnknownFields.REFUSE,
                (p, path) -> line(p, path, now));
        return new Batch(batch.host(), batch.items());
    }

    private LogLine line(JsonParser p, String path, long now) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw ApiException.badRequest("each line must be an object with log, pattern, severity, ts and line", path);
        }
        String log = null;
        String pattern = null;
        String severity = null;
        Long ts = null;
        String line = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            String field = path + "." + name;
            switch (name) {
                case "log" -> log = string(p, token, field);
                case "pattern" -> pattern = string(p, token, field);
                case "severity" -> severity = string(p, token, field);
                case "line" -> line = string(p, token, field);
                case "ts" -> {
                    if (token != JsonToken.VALUE_NUMBER_INT) {
                        throw ApiException.badRequest(field + " must be epoch milliseconds (a whole number)", field);
                    }
                    ts = p.getLongValue();
                }
                default -> throw ApiException.badRequest("unknown field '" + name + "' (known: log, pattern, severity, ts, line)", field);
            }
        }
        name(log, path + ".log");
        name(pattern, path + ".pattern");
        if (severity == null || !SEVERITIES.contains(severity)) {
            throw ApiException.badRequest(path + ".severity must be warning or critical", path + ".severity");
        }
        long at = ts == null ? now : ts;
        SampleConstraints.checkTimestamp(at, now).ifPresent(problem -> {
            throw ApiException.badRequest(problem, path + ".ts");
        });
        if (line == null || line.isBlank()) {
            throw ApiException.badRequest(path + ".line is required (the matching line's text)", path + ".line");
        }
        if (line.length() > LogLinesProperties.MAX_LINE_LENGTH) {
            throw ApiException.badRequest(path + ".line is " + line.length() + " characters, over the limit of "
                    + LogLinesProperties.MAX_LINE_LENGTH, path + ".line");
        }
        String problem = textProblem(line);
        if (problem != null) {
            throw ApiException.badRequest(path + ".line " + problem, path + ".line");
        }
        return new LogLine(null, log, pattern, severity, at, line);
    }

    private static String string(JsonParser p, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw ApiException.badRequest(field + " must be a string", field);
        }
        return p.getText();
    }

    private static void name(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ApiException.badRequest(field + " must be 1-" + LogLinesProperties.MAX_NAME_LENGTH
                    + " letters, digits, '_', '.' or '-'", field);
        }
    }

    /** Control characters and lone surrogates (not storable as utf8mb4) are refused: the agent removes them. */
    static String textProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return "contains control character U+" + String.format("%04X", (int) c) + " at " + i;
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return "is not well-formed Unicode (lone surrogate at " + i + ")";
            }
        }
        return null;
    }
}
