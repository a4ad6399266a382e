package dev.vigil.agent.logs;

/** One matching line as sent to {@code POST /api/v1/log-lines}. */
public record LogLine(String log, String pattern, String severity, long ts, String line) {
}
