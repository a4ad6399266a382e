package dev.vigil.notify.render;

import dev.vigil.notify.model.AlertSnapshot;
import dev.vigil.notify.model.Notification;
import dev.vigil.notify.model.NotificationKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Plain-text pieces every notifier shares: titles, values with units, times and durations. */
public final class AlertText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final double GIB = 1024d * 1024 * 1024;

    /** Units by rule (contract section 4): the alerts table keeps the value, not the metric. */
    private static final Map<String, String> UNIT_BY_RULE = Map.ofEntries(
            Map.entry("HighCpuUsage", "%"), Map.entry("HighMemoryUsage", "%"), Map.entry("DiskSpaceLow", "%"),
            Map.entry("HighInodeUsage", "%"), Map.entry("HighSwapUsage", "%"), Map.entry("HighIOWait", "%"),
            Map.entry("TooManyOpenFiles", "%"), Map.entry("DiskFreeLow", "bytes"), Map.entry("DiskWillFillIn4Hours", "bytes"),
            Map.entry("DatabaseSizeLarge", "bytes"), Map.entry("DatabaseSlow", "ms"), Map.entry("HighNetworkErrors", "/s"));

    private AlertText() {
    }

    /** {@code [CRITICAL] db-01: DiskSpaceLow (93.1%)}, {@code … and 2 more}, {@code [RESOLVED] …}. */
    public static String title(Notification n) {
        var ordered = n.ordered();
        AlertSnapshot lead = ordered.get(0);
        String tag = switch (n.kind()) {
            case RESOLVED -> "[RESOLVED]";
            case ESCALATION -> "[ESCALATED][" + n.severity().name() + "]";
            case REPEAT -> "[" + n.severity().name() + "][REMINDER]";
            case FIRING -> "[" + n.severity().name() + "]";
        };
        StringBuilder s = new StringBuilder(tag).append(' ').append(n.host()).append(": ").append(lead.rule());
        if (lead.value() != null) {
            s.append(" (").append(value(lead.rule(), lead.value())).append(')');
        }
        if (ordered.size() > 1) {
            s.append(" and ").append(ordered.size() - 1).append(" more");
        }
        return oneLine(s.toString());
    }

    public static String value(String rule, Double v) {
        if (v == null) {
            return "-";
        }
        String unit = UNIT_BY_RULE.getOrDefault(rule, "");
        return switch (unit) {
            case "%" -> String.format(Locale.ROOT, "%.1f%%", v);
            case "bytes" -> String.format(Locale.ROOT, "%.1f GiB", v / GIB);
            case "ms" -> String.format(Locale.ROOT, "%.0f ms", v);
            case "/s" -> String.format(Locale.ROOT, "%.1f/s", v);
            default -> v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue()) : String.format(Locale.ROOT, "%.2f", v);
        };
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
    public static String prediction(AlertSnapshot a, long now) {
        if (a.predictedAt() == null) {
            return null;
        }
        return "expected full at " + time(a.predictedAt()) + " (in " + duration(a.predictedAt() - now) + ")";
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
}
