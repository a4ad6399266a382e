package dev.vigil.common;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules every ingest format applies to a sample before anything is stored. Each check returns
 * the problem in words, or empty when the input is fine.
 */
public final class SampleConstraints {

    public static final int MAX_METRIC_LENGTH = 128;
    public static final int MAX_LABELS = 32;
    public static final int MAX_LABEL_NAME_LENGTH = 128;
    public static final int MAX_LABEL_VALUE_LENGTH = 256;
    public static final int MAX_HOST_NAME_LENGTH = 253;
    /** Clocks drift; anything further ahead than this is a sender's bug, not skew. */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(10);

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private SampleConstraints() {
    }

    /** [a-zA-Z_:][a-zA-Z0-9_:]*, by hand: it runs for every sample of every batch. */
    static boolean isMetricName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** [a-zA-Z_][a-zA-Z0-9_]* */
    static boolean isLabelName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** A lone UTF-16 surrogate cannot be stored as utf8mb4 and would silently become '?'. */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static Optional<String> checkHostName(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.of("host is required");
        }
        if (host.length() > MAX_HOST_NAME_LENGTH) {
            return Optional.of("host name is longer than " + MAX_HOST_NAME_LENGTH + " characters");
        }
        if (!HOST_NAME.matcher(host).matches()) {
            return Optional.of("host name '" + host + "' may only contain letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return Optional.empty();
    }

    public static Optional<String> checkMetric(String metric) {
        if (metric == null || metric.isEmpty()) {
            return Optional.of("metric is required");
        }
        if (metric.length() > MAX_METRIC_LENGTH) {
            return Optional.of("metric name is longer than " + MAX_METRIC_LENGTH + " characters");
        }
        if (!isMetricName(metric)) {
            return Optional.of("metric name '" + metric + "' must match [a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        return Optional.empty();
    }

    public static Optional<String> checkLabelCount(int count) {
        return count > MAX_LABELS
                ? Optional.of("more than " + MAX_LABELS + " labels (" + count + ")")
                : Optional.empty();
    }

    public static Optional<String> checkLabel(String name, String value) {
        if (name.length() > MAX_LABEL_NAME_LENGTH || !isLabelName(name)) {
            return Optional.of("label name '" + name + "' must match [a-zA-Z_][a-zA-Z0-9_]* (at most " + MAX_LABEL_NAME_LENGTH + " characters)");
        }
        if (name.startsWith("__")) {
            return Optional.of("label name '" + name + "' is reserved (starts with __)");
        }
        if (value == null) {
            return Optional.of("label '" + name + "' must have a string value");
        }
        if (!wellFormed(value)) {
            return Optional.of("label '" + name + "' value is not valid Unicode (a lone surrogate)");
        }
        if (value.length() > MAX_LABEL_VALUE_LENGTH) {
            return Optional.of("label '" + name + "' value is longer than " + MAX_LABEL_VALUE_LENGTH + " characters");
        }
        return Optional.empty();
    }

    public static Optional<String> checkLabels(Map<String, String> labels) {
        Optional<String> count = checkLabelCount(labels.size());
        if (count.isPresent()) {
            return count;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            Optional<String> problem = checkLabel(e.getKey(), e.getValue());
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    public static Optional<String> checkValue(double value) {
        return Double.isFinite(value) ? Optional.empty() : Optional.of("value must be a finite number, got " + value);
    }

    public static Optional<String> checkTimestamp(long ts, long nowMillis) {
        if (ts < 0) {
            return Optional.of("ts must not be negative (epoch milliseconds)");
        }
        if (ts > nowMillis + MAX_FUTURE.toMillis()) {
            return Optional.of("ts " + ts + " is more than " + MAX_FUTURE.toMinutes() + " minutes in the future (epoch milliseconds expected)");
        }
        return Optional.empty();
    }
}
