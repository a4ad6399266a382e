package dev.vigil.core.rules;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of an alert: renders a rule's templates ({{name}}) and says its value and threshold in
 * the rule's unit ("3.2 GiB free", "no data for 2m 4s", "0 B within 4h").
 */
public final class AlertText {

    /** The {@code runbook_url} column's size. */
    public static final int MAX_URL_LENGTH = 2048;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private AlertText() {
    }

    public static String render(String template, Map<String, String> vars) {
        return render(template, vars, UnaryOperator.identity());
    }

    private static String render(String template, Map<String, String> vars, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(vars.getOrDefault(m.group(1), ""))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * A rule's runbook URL with its placeholders filled in, each value percent-encoded so that a label
     * value cannot change the URL's shape; null when the rule has none.
     */
    @Nullable
    public static String runbookUrl(Rule rule, Map<String, String> vars) {
        if (rule.runbookUrl() == null) {
            return null;
        }
        return render(rule.runbookUrl(), vars, v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Refuses anything but an absolute http(s) URL (placeholders allowed), so the column only ever holds a link. */
    static String checkRunbookUrl(String template) {
        String probe = render(template.trim(), Map.of(), v -> "x");
        if (probe.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(probe);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http or https URL: '" + template
                        + "' (runbook prose goes in runbook: or description:)");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + template + "' (" + e.getReason()
                    + "; runbook prose goes in runbook: or description:)");
        }
        return template.trim();
    }

    public static Map<String, String> vars(Rule rule, String host, Map<String, String> labels, double value,
                                           @Nullable Double threshold, String severity, @Nullable Long millisUntil) {
        Map<String, String> vars = new HashMap<>(labels);
        vars.put("host", host);
        vars.put("rule", rule.name());
        vars.put("severity", severity);
        vars.put("value", rule.unit().format(value));
        vars.put("threshold", threshold == null ? "" : rule.unit().format(threshold));
        vars.put("predicted_in", millisUntil == null ? "" : Quantities.duration(millisUntil));
        return vars;
    }

    /**
     * The value as messages show it: "93.1%", "3.2 GiB free", "no data for 2m 4s", "4.2 (2.13 per core)"
     * for a divided rule, "38 GiB free, 0 B in about 3h 20m" for a trend.
     *
     * @param dividend for a divide-by rule, the value before the division
     */
    public static String valueText(Rule rule, double value, @Nullable Double dividend, @Nullable Long millisUntil) {
        Unit unit = rule.unit();
        return switch (rule.kind()) {
            case ABSENT -> "no data for " + unit.format(value);
            case TREND -> millisUntil == null ? unit.format(value)
                    : unit.format(value) + ", " + unit.bare(rule.level()) + " in about " + Quantities.duration(millisUntil);
            case THRESHOLD -> dividend != null
                    ? Quantities.plain(dividend) + " (" + unit.format(value) + ")"
                    : unit.format(value);
        };
    }

    /** The level as messages show it: "90%", "5 GiB free", "no data for 1m", "0 B within 4h". */
    @Nullable
    public static String thresholdText(Rule rule, @Nullable Double level) {
        return switch (rule.kind()) {
            case ABSENT -> level == null ? null : "no data for " + rule.unit().format(level);
            case TREND -> rule.unit().bare(rule.level()) + " within " + Quantities.duration(rule.horizonMillis());
            case THRESHOLD -> level == null ? null : rule.unit().format(level);
        };
    }
}
