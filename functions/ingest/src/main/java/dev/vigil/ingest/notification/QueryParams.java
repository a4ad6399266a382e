package dev.vigil.ingest.notification;

import dev.vigil.ingest.error.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Query parameters of the history endpoints, each refused with 400 naming the parameter. */
public final class QueryParams {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern LOOK_BACK = Pattern.compile("([0-9]{1,9})([smhd])");

    private QueryParams() {
    }

    public static long positiveLong(String raw, String name, String what) {
        String s = raw.trim();
        if (!DIGITS.matcher(s).matches() || Long.parseLong(s) < 1) {
            throw ApiException.badRequest(name + " must be " + what + " (a positive whole number)", name);
        }
        return Long.parseLong(s);
    }

    /** Epoch milliseconds, an ISO-8601 instant ({@code 2026-11-29T14:00:00Z}), or a look-back from now ({@code 90m}, {@code 2h}, {@code 7d}). */
    public static long since(String raw, String name, long now) {
        String s = raw.trim();
        if (DIGITS.matcher(s).matches()) {
            return Long.parseLong(s);
        }
        Matcher back = LOOK_BACK.matcher(s);
        if (back.matches()) {
            long n = Long.parseLong(back.group(1));
            Duration d = switch (back.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now - d.toMillis();
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest(name + " must be epoch milliseconds, an ISO-8601 time like 2026-11-29T14:00:00Z"
                    + " or a look-back like 2h", name);
        }
    }
}
