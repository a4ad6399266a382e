package dev.vigil.core.host;

import dev.vigil.core.sample.Labels;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Labels an admin puts on a host ({@code team}, {@code env}, ...): validated here, stored as a JSON object in
 * {@code hosts.labels}, copied by evaluation onto the host's alerts. The names alerts already carry by
 * themselves are reserved, so a host label can never change what an alert is.
 */
public final class HostLabels {

    public static final int MAX_LABELS = 32;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 256;
    /** Fields every alert has of its own; a host label of that name would shadow them in matchers and routes. */
    public static final Set<String> RESERVED_NAMES = Set.of("host", "alertname", "severity", "rule");

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private HostLabels() {
    }

    /** A refused label: the problem in words and the label's name (null when the whole set is refused). */
    public record Problem(String message, @Nullable String label) {
    }

    public static Optional<Problem> check(Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            return Optional.of(new Problem("at most " + MAX_LABELS + " labels per host (got " + labels.size() + ")", null));
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            Optional<String> problem = checkOne(e.getKey(), e.getValue());
            if (problem.isPresent()) {
                return Optional.of(new Problem(problem.get(), e.getKey()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkOne(String name, @Nullable String value) {
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("label name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("label name must match [a-zA-Z_][a-zA-Z0-9_]*");
        }
        if (name.startsWith("__")) {
            return Optional.of("label names starting with __ are reserved");
        }
        if (RESERVED_NAMES.contains(name)) {
            return Optional.of("'" + name + "' is reserved: every alert has it already (reserved: host, alertname, severity, rule)");
        }
        if (value == null) {
            return Optional.of("label value must be a string");
        }
        if (value.isEmpty()) {
            return Optional.of("label value must not be empty (leave the label out instead)");
        }
        if (value.codePoints().anyMatch(HostLabels::isSurrogate)) {
            return Optional.of("label value is not valid Unicode (a lone surrogate)");
        }
        if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
            return Optional.of("label value is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** A lone UTF-16 surrogate (a paired one reads as one supplementary code point) cannot be stored as utf8mb4. */
    private static boolean isSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    /** The stored form: a canonical (sorted) JSON object, or null for no labels. */
    @Nullable
    public static String toJson(Map<String, String> labels) {
        return labels.isEmpty() ? null : Labels.toJson(labels);
    }

    /** Reads {@code hosts.labels} (or {@code alerts.host_labels}); null or blank is no labels. */
    public static Map<String, String> fromJson(@Nullable String json) {
        return json == null || json.isBlank() ? Map.of() : Labels.fromJson(json);
    }
}
