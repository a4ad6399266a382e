package dev.vigil.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads "15s", "1m", "2h", "7d", "500ms" or plain seconds (15) as a Duration. */
public final class DurationText {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private DurationText() {
    }

    public static Duration parse(String key, Object value) {
        if (value instanceof Number n) {
            return positive(key, Duration.ofSeconds(n.longValue()));
        }
        if (value == null) {
            throw new ConfigException(key, "a duration is required (e.g. 15s, 1m)");
        }
        Matcher m = FORM.matcher(value.toString().trim());
        if (!m.matches()) {
            throw new ConfigException(key, "'" + value + "' is not a duration (use e.g. 15s, 1m, 2h, 7d or plain seconds)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
        return positive(key, d);
    }

    private static Duration positive(String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(key, "must be greater than zero");
        }
        return d;
    }
}
