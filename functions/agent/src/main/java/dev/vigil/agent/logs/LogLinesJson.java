package dev.vigil.agent.logs;

import dev.vigil.common.JsonText;

import java.util.List;

/** The body of {@code POST /api/v1/log-lines}: {@code {"host", "lines": [{"log","pattern","severity","ts","line"}]}}. */
public final class LogLinesJson {

    private LogLinesJson() {
    }

    public static String write(String host, List<LogLine> lines) {
        StringBuilder out = new StringBuilder(64 + lines.size() * 200);
        out.append("{\"host\":");
        JsonText.appendString(out, host);
        out.append(",\"lines\":[");
        for (int i = 0; i < lines.size(); i++) {
            LogLine l = lines.get(i);
            out.append(i == 0 ? "{" : ",{").append("\"log\":");
            JsonText.appendString(out, l.log());
            out.append(",\"pattern\":");
            JsonText.appendString(out, l.pattern());
            out.append(",\"severity\":");
            JsonText.appendString(out, l.severity());
            out.append(",\"ts\":").append(l.ts()).append(",\"line\":");
            JsonText.appendString(out, l.line());
            out.append('}');
        }
        return out.append("]}").toString();
    }
}
