package dev.vigil.core.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a rule's numbers mean, so people read "3.2 GiB free" instead of 3435973836.8. Written in a
 * rules file as {@code unit: <base> [suffix]}, e.g. {@code unit: bytes free}, {@code unit: ratio per core},
 * {@code unit: per_second errors}; a rule without {@code unit:} gets one from its metric's name
 * ({@link #forMetric}).
 *
 * @param suffix words after the number ("free", "per core"), or "" for none; for rates they go before
 *               the "/s" ("12 errors/s")
 */
public record Unit(Base base, String suffix) {

    /** Words only: a suffix is shown to people, never parsed. */
    private static final Pattern SUFFIX = Pattern.compile("\\p{L}[\\p{L}\\p{N} .'-]{0,31}");

    public enum Base {
        /** A number without a unit: "4.2", "1500". */
        NUMBER,
        /** 0..100: "93.1%". */
        PERCENT,
        /** IEC: "3.2 GiB". */
        BYTES,
        BYTES_PER_SECOND,
        /** A length of time in seconds: "2m 4s". */
        SECONDS,
        /** A length of time in milliseconds (latencies): "850 ms", "2.3 s". */
        MS,
        /** Events per second: "12/s". */
        PER_SECOND,
        /** A whole count: "412". */
        COUNT,
        /** A quotient of two metrics (divide-by): "2.13". */
        RATIO,
        /** 1 up, 0 down (mysql_up). */
        UP,
        /** 1 when a command exited 0, else 0 (check_ok): the exit status as far as it is known. */
        EXIT_OK,
        /** A process exit status itself: "exit status 3". */
        EXIT_STATUS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String known() {
            return Arrays.stream(values()).map(Base::wire).collect(Collectors.joining(", "));
        }
    }

    public static final Unit NUMBER = new Unit(Base.NUMBER, "");

    public Unit {
        suffix = suffix == null ? "" : suffix.trim();
    }

    /** Parses {@code "<base> [suffix]"}; the message of a refusal lists the known bases. */
    public static Unit parse(String raw) {
        String text = raw == null ? "" : raw.trim();
        int space = text.indexOf(' ');
        String baseName = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        String suffix = space < 0 ? "" : text.substring(space + 1).trim();
        Base base = Arrays.stream(Base.values()).filter(b -> b.wire().equals(baseName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a known unit: '" + raw + "' (one of "
                        + Base.known() + ", optionally followed by words such as 'bytes free')"));
        if (!suffix.isEmpty()) {
            if (base == Base.UP || base == Base.EXIT_OK || base == Base.EXIT_STATUS) {
                throw new IllegalArgumentException("unit " + base.wire() + " takes no words after it: '" + raw + "'");
            }
            if (!SUFFIX.matcher(suffix).matches()) {
                throw new IllegalArgumentException("the words after the unit must be letters, digits and spaces,"
                        + " at most 32 characters: '" + suffix + "'");
            }
        }
        return new Unit(base, suffix);
    }

    /**
     * The unit a rule without {@code unit:} gets, from Prometheus naming (base units in the name):
     * {@code _percent}, {@code _bytes_per_second}, {@code _bytes}, {@code _seconds}, {@code _ms},
     * {@code _per_second}, {@code _total}/{@code _count}, {@code _up}, {@code _ok}; a divided metric is a
     * ratio, an absence is measured in seconds, anything else is a plain number.
     */
    public static Unit forMetric(RuleKind kind, String metric, boolean divided) {
        if (kind == RuleKind.ABSENT) {
            return new Unit(Base.SECONDS, "");
        }
        if (divided) {
            return new Unit(Base.RATIO, "");
        }
        String m = metric == null ? "" : metric.toLowerCase(Locale.ROOT);
        Base base;
        if (m.endsWith("_percent")) {
            base = Base.PERCENT;
        } else if (m.endsWith("_bytes_per_second")) {
            base = Base.BYTES_PER_SECOND;
        } else if (m.endsWith("_bytes")) {
            base = Base.BYTES;
        } else if (m.endsWith("_seconds")) {
            base = Base.SECONDS;
        } else if (m.endsWith("_ms") || m.endsWith("_milliseconds")) {
            base = Base.MS;
        } else if (m.endsWith("_per_second")) {
            base = Base.PER_SECOND;
        } else if (m.endsWith("_total") || m.endsWith("_count")) {
            base = Base.COUNT;
        } else if (m.equals("up") || m.endsWith("_up")) {
            base = Base.UP;
        } else if (m.endsWith("_ok")) {
            base = Base.EXIT_OK;
        } else if (m.endsWith("_exit_status") || m.endsWith("_exit_code")) {
            base = Base.EXIT_STATUS;
        } else {
            base = Base.NUMBER;
        }
        return new Unit(base, "");
    }

    /** The value as a person reads it, suffix included: "3.2 GiB free", "12 errors/s", "down". */
    public String format(double value) {
        return switch (base) {
            case PER_SECOND -> Quantities.plain(value) + (suffix.isEmpty() ? "" : " " + suffix) + "/s";
            case BYTES_PER_SECOND -> Quantities.bytes(value) + (suffix.isEmpty() ? "" : " " + suffix) + "/s";
            default -> withSuffix(bare(value));
        };
    }

    /** The value in the base unit alone, without the suffix: "0 B" for a trend's level. */
    public String bare(double value) {
        return switch (base) {
            case NUMBER, RATIO -> Quantities.plain(value);
            case PERCENT -> Quantities.percent(value);
            case BYTES -> Quantities.bytes(value);
            case BYTES_PER_SECOND -> Quantities.bytes(value) + "/s";
            case SECONDS -> Quantities.seconds(value);
            case MS -> Double.isFinite(value) ? Quantities.duration(Math.round(value)) : Quantities.plain(value);
            case PER_SECOND -> Quantities.plain(value) + "/s";
            case COUNT -> Double.isFinite(value) ? Quantities.decimals(value, 0) : Quantities.plain(value);
            case UP -> value == 1 ? "up" : value == 0 ? "down" : Quantities.plain(value);
            case EXIT_OK -> value == 1 ? "exit status 0" : value == 0 ? "exit status non-zero" : Quantities.plain(value);
            case EXIT_STATUS -> "exit status " + Quantities.plain(value);
        };
    }

    private String withSuffix(String number) {
        return suffix.isEmpty() ? number : number + " " + suffix;
    }

    /** As written in a rules file: "bytes free". */
    public String wire() {
        return suffix.isEmpty() ? base.wire() : base.wire() + " " + suffix;
    }

    @Override
    public String toString() {
        return wire();
    }
}
