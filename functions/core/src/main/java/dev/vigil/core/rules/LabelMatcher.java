package dev.vigil.core.rules;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One label condition of a rule or override: the value is a regular expression that must match
 * the whole label value; a leading {@code !} negates it. A missing label matches as "".
 */
public record LabelMatcher(String label, Pattern pattern, boolean negated) {

    public static LabelMatcher parse(String label, String expression) {
        boolean negated = expression.startsWith("!");
        return new LabelMatcher(label, Pattern.compile(negated ? expression.substring(1) : expression), negated);
    }

    public boolean matches(Map<String, String> labels) {
        String value = labels.getOrDefault(label, "");
        return pattern.matcher(value).matches() != negated;
    }
}
