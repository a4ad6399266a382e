package dev.vigil.agent.logs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named regular expression a log is searched for.
 *
 * @param severity "warning" or "critical": carried as the counter's {@code severity} label, so
 *                 LogPatternMatched fires with it
 */
public record LogPattern(String name, Pattern regex, String severity) {

    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public LogPattern {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regex, "regex");
        severity = severity == null ? WARNING : severity;
    }

    public static LogPattern of(String name, String regex, String severity) {
        return new LogPattern(name, Pattern.compile(regex), severity);
    }

    public boolean matches(String line) {
        return regex.matcher(line).find();
    }
}
