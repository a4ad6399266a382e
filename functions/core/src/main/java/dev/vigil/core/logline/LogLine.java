package dev.vigil.core.logline;

/** One matching log line as stored and shown. */
public record LogLine(String host, String log, String pattern, String severity, long ts, String line) {
}
