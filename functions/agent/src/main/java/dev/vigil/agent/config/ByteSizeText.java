package dev.vigil.agent.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads 67108864, "64MiB", "64MB", "512k" as a byte count (binary multiples). */
public final class ByteSizeText {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?");

    private ByteSizeText() {
    }

    public static long parse(String key, Object value) {
        if (value instanceof Number n && n.longValue() > 0) {
            return n.longValue();
        }
        Matcher m = value == null ? null : FORM.matcher(value.toString().trim().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) <= 0) {
            throw new ConfigException(key, "'" + value + "' is not a positive size (use e.g. 64MiB or a byte count)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> amount << 10;
            case "m" -> amount << 20;
            case "g" -> amount << 30;
            default -> amount;
        };
    }
}
