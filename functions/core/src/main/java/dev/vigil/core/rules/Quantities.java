package dev.vigil.core.rules;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human quantities of rules files: durations (90s, 5m, 1h, 2d) and sizes (10GiB, 500MB). */
final class Quantities {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*([KMGT]i?B)?");

    private Quantities() {
    }

    static long durationMillis(Object raw) {
        if (raw instanceof Number n && n.doubleValue() == 0) {
            return 0;
        }
        String s = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration like 30s, 5m, 1h: '" + raw + "'");
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        return Math.round(n * unit);
    }

    static double number(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        String s = String.valueOf(raw).trim();
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a number or size like 10GiB: '" + raw + "'");
        }
        double n = Double.parseDouble(m.group(1));
        if (m.group(2) == null) {
            return n;
        }
        String unit = m.group(2);
        boolean binary = unit.contains("i");
        int power = "KMGT".indexOf(unit.charAt(0)) + 1;
        return n * Math.pow(binary ? 1024 : 1000, power);
    }
}
