package dev.vigil.notify.render;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Plain-text pieces every notifier shares: titles, values, resolutions, times. Values are the
 * texts evaluation wrote in the rule's unit ({@code value_text}); a bare number is only the fallback
 * for rows without one, and a missing value is left out rather than shown as "-".
 */
public final class MessageText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private MessageText() {
    }

    /** {@code [CRITICAL] db-01: DiskFreeLow (3.2 GiB free) and 2 more}, {@code [RESOLVED – NO DATA] …}. */
    public static String title(Notification n) {
        var ordered = n.ordered();
        StringBuilder s = new StringBuilder(tag(n)).append(' ').append(n.host()).append(": ");
        if (ordered.isEmpty()) {
            return oneLine(s.append("no alerts").toString());
        }
        AlertSnapshot lead = ordered.get(0);
        s.append(lead.rule());
        String detail = n.resolved() ? resolutionHeadline(lead) : value(lead);
        if (detail != null) {
            s.append(" (").append(detail).append(')');
        }
        if (n.total() > 1) {
            s.append(" and ").append(n.total() - 1).append(" more");
        }
        return oneLine(s.toString());
    }

    private static String tag(Notification n) {
        String severity = n.severity().name();
        return switch (n.kind()) {
            case RESOLVED -> n.noData() ? "[RESOLVED – NO DATA]" : "[RESOLVED]";
            case ESCALATION -> "[ESCALATED][" + severity + "]";
            case REPEAT -> "[" + severity + "][REMINDER]";
            case FIRING -> "[" + severity + "]";
            case TEST -> "[TEST]";
        };
    }

    /** The value as a person reads it ("3.2 GiB free"), a plain number for old rows, or null. */
    @Nullable
    public static String value(AlertSnapshot a) {
        return a.valueText() != null ? a.valueText() : number(a.value());
    }

    @Nullable
    public static String threshold(AlertSnapshot a) {
        return a.thresholdText() != null ? a.thresholdText() : number(a.threshold());
    }

    /** "93.1% (threshold 90%)", "93.1%", or null when the alert carries no value (meta-alerts). */
    @Nullable
    public static String valueWithThreshold(AlertSnapshot a) {
        String v = value(a);
        String t = threshold(a);
        if (v == null) {
            return t == null ? null : "threshold " + t;
        }
        return t == null ? v : v + " (threshold " + t + ")";
    }

    /** Why it resolved: evaluation's sentence, or for old rows the last value. */
    @Nullable
    public static String resolution(AlertSnapshot a) {
        if (a.resolutionText() != null) {
            return a.resolutionText();
        }
        String v = value(a);
        if (a.noData()) {
            return v == null ? "no data" : "no data (last value " + v + ")";
        }
        return v == null ? null : "back to " + v;
    }

    /** The resolution without its trailing parenthesis, short enough for a subject: "back to 71.2%". */
    @Nullable
    static String resolutionHeadline(AlertSnapshot a) {
        String r = resolution(a);
        if (r == null) {
            return null;
        }
        int paren = r.lastIndexOf(" (");
        return paren > 0 && r.endsWith(")") ? r.substring(0, paren) : r;
    }

    @Nullable
    public static String number(@Nullable Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    public static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String duration(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + "d " + hours + "h " + minutes + "m";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + d.toSecondsPart() + "s" : d.toSecondsPart() + "s";
    }

    /** One sentence about an alert's state: since when, or how long it lasted. */
    public static String when(AlertSnapshot a, NotificationKind kind) {
        if (kind == NotificationKind.RESOLVED && a.endsAt() != null) {
            return "fired " + time(a.firedAt()) + ", resolved " + time(a.endsAt()) + ", lasted " + duration(a.endsAt() - a.firedAt());
        }
        return "since " + time(a.firedAt());
    }

    /** For predictive alerts: when the disk is expected to be full. */
    @Nullable
    public static String prediction(AlertSnapshot a, long now) {
        if (a.predictedAt() == null) {
            return null;
        }
        return "expected full at " + time(a.predictedAt()) + " (in " + duration(a.predictedAt() - now) + ")";
    }

    /** "… and 3,950 more: https://vigil.example/api/v1/alerts?host=db-01", or null when nothing was left out. */
    @Nullable
    public static String more(Notification n) {
        if (n.truncated() <= 0) {
            return null;
        }
        String count = String.format(Locale.ROOT, "%,d", n.truncated());
        return "… and " + count + " more alert" + (n.truncated() == 1 ? "" : "s") + (n.alertsUrl() == null ? "" : ": " + n.alertsUrl());
    }

    /** Header lines and chat titles must not be split by a newline a host sent. */
    public static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ");
    }

    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Only http(s) links become links; anything else (javascript:, data:) stays text. */
    public static boolean isWebLink(String s) {
        if (s == null) {
            return false;
        }
        String l = s.trim().toLowerCase(Locale.ROOT);
        return (l.startsWith("https://") || l.startsWith("http://")) && !l.contains(" ");
    }

    /** The runbook link: runbook_url, else a prose runbook that happens to be a URL (old rows). */
    @Nullable
    public static String runbookLink(AlertSnapshot a) {
        if (isWebLink(a.runbookUrl())) {
            return a.runbookUrl().trim();
        }
        return isWebLink(a.runbook()) ? a.runbook().trim() : null;
    }

    /** Runbook prose: the runbook text unless it is only the link. */
    @Nullable
    public static String runbookProse(AlertSnapshot a) {
        return a.runbook() == null || a.runbook().isBlank() || isWebLink(a.runbook()) ? null : a.runbook();
    }
}
