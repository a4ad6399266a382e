package dev.vigil.core.rules;

import io.micronaut.core.annotation.Nullable;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a rule's summary/runbook templates ({{name}}) and formats values in the rule's unit. */
public final class AlertText {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private AlertText() {
    }

    public static String render(String template, Map<String, String> vars) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static Map<String, String> vars(Rule rule, String host, Map<String, String> labels, double value,
                                           @Nullable Double threshold, String severity, @Nullable Long millisUntil) {
        Map<String, String> vars = new HashMap<>(labels);
        vars.put("host", host);
        vars.put("rule", rule.name());
        vars.put("severity", severity);
        vars.put("value", format(value, rule.unit()));
        vars.put("threshold", threshold == null ? "" : format(threshold, rule.unit()));
        vars.put("predicted_in", millisUntil == null ? "" : duration(millisUntil));
        return vars;
    }

    public static String format(double value, String unit) {
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%.1f%%", value);
            case "bytes" -> bytes(value);
            case "ms" -> String.format(Locale.ROOT, "%.0f ms", value);
            case "seconds" -> duration(Math.round(value * 1000));
            case "per_second" -> String.format(Locale.ROOT, "%.1f/s", value);
            default -> value == Math.rint(value) && Math.abs(value) < 1e15
                    ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
        };
    }

    static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int i = 0;
        double v = value;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    static String duration(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        return (m / 60) + "h " + (m % 60) + "m";
    }
}
