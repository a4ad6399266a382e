package dev.vigil.core.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human quantities both ways: parses those of rules files (durations 90s, 5m, 1h, 2d; sizes 10GiB,
 * 500MB) and formats values for people (IEC bytes "3.2 GiB", durations "2m 4s", percent "93.1%").
 * The one formatter of core: units ({@link Unit}) and alert texts use it.
 */
public final class Quantities {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*([KMGT]i?B)?");
    private static final String[] IEC = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

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

    /** IEC units with one decimal, a trailing ".0" dropped: "3.2 GiB", "5 GiB", "512 B". */
    public static String bytes(double value) {
        if (!Double.isFinite(value)) {
            return plain(value);
        }
        int i = 0;
        double v = value;
        while (Math.abs(v) >= 1024 && i < IEC.length - 1) {
            v /= 1024;
            i++;
        }
        return (i == 0 ? decimals(v, 0) : decimals(v, 1)) + " " + IEC[i];
    }

    /** One decimal, a trailing ".0" dropped: "93.1%", "90%". */
    public static String percent(double value) {
        return decimals(value, 1) + "%";
    }

    /**
     * A duration to the precision a person needs, compact like Go's: "850ms" below a second, "2.3s"
     * below ten seconds, then the two largest units: "45s", "2m 4s", "1h 2m", "3d 4h".
     */
    public static String duration(long millis) {
        long ms = Math.abs(millis);
        String sign = millis < 0 ? "-" : "";
        if (ms < 1_000) {
            return sign + ms + "ms";
        }
        if (ms < 10_000) {
            return sign + decimals(ms / 1000.0, 1) + "s";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return sign + s + "s";
        }
        if (s < 3_600) {
            return sign + twoUnits(s / 60, "m", s % 60, "s");
        }
        if (s < 86_400) {
            return sign + twoUnits(s / 3_600, "h", s % 3_600 / 60, "m");
        }
        return sign + twoUnits(s / 86_400, "d", s % 86_400 / 3_600, "h");
    }

    /** A duration given in (possibly fractional) seconds. */
    public static String seconds(double seconds) {
        return Double.isFinite(seconds) ? duration(Math.round(seconds * 1000)) : plain(seconds);
    }

    /**
     * A plain number with as many decimals as its size deserves (2 below 10, 1 below 100, none above),
     * trailing zeros dropped: "4.2", "2.13", "12", "1500".
     */
    public static String plain(double value) {
        if (Double.isNaN(value)) {
            return "unknown";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(value);
        return decimals(value, a < 10 ? 2 : a < 100 ? 1 : 0);
    }

    private static String twoUnits(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + bigUnit : big + bigUnit + " " + small + smallUnit;
    }

    /** Rounded half-up to at most {@code places} decimals, trailing zeros (and a bare point) dropped. */
    static String decimals(double value, int places) {
        if (!Double.isFinite(value)) {
            return plain(value);
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.signum() == 0) {
            return "0";
        }
        return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : d.toPlainString();
    }
}
