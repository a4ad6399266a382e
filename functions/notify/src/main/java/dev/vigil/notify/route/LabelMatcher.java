package dev.vigil.notify.route;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager matcher: {@code team="db"}, {@code severity=~"crit.*"}, {@code env!=prod},
 * {@code rule!~"Disk.*"}. Regexes are anchored at both ends, as in Alertmanager; a label an alert
 * lacks has the value "".
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** A matcher string that is not Alertmanager syntax; the message says what is wrong. */
    public static final class InvalidMatcherException extends IllegalArgumentException {
        public InvalidMatcherException(String message) {
            super(message);
        }
    }

    public static LabelMatcher equal(String name, String value) {
        return of(name, Op.EQUAL, value);
    }

    public static LabelMatcher of(String name, Op op, String value) {
        Pattern p = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                p = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                throw new InvalidMatcherException("bad regular expression " + quote(value) + ": " + e.getDescription());
            }
        }
        return new LabelMatcher(name, op, value, p);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = Objects.requireNonNullElse(labels.get(name), "");
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern.matcher(actual).matches();
            case NOT_REGEX -> !pattern.matcher(actual).matches();
        };
    }

    /**
     * Parses {@code name op value}: the name is a label name, the value may be bare or double-quoted
     * with backslash escapes. Surrounding braces ({@code {a="b"}}) are accepted for one matcher.
     */
    public static LabelMatcher parse(String text) {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
            i++;
        }
        String name = s.substring(0, i);
        if (name.isEmpty()) {
            throw new InvalidMatcherException("matcher " + quote(text) + " has no label name (expected e.g. team=\"db\")");
        }
        String rest = s.substring(i).stripLeading();
        Op op = null;
        for (Op candidate : new Op[]{Op.REGEX, Op.NOT_REGEX, Op.NOT_EQUAL, Op.EQUAL}) {
            if (rest.startsWith(candidate.symbol())) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            throw new InvalidMatcherException("matcher " + quote(text) + " has no operator (one of =, !=, =~, !~)");
        }
        String raw = rest.substring(op.symbol().length()).strip();
        return of(name, op, unquote(raw, text));
    }

    private static String unquote(String raw, String text) {
        if (!raw.startsWith("\"")) {
            if (raw.contains("\"")) {
                throw new InvalidMatcherException("matcher " + quote(text) + " has a stray quote");
            }
            return raw;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else if (c == '"') {
                if (i != raw.length() - 1) {
                    throw new InvalidMatcherException("matcher " + quote(text) + " has text after its closing quote");
                }
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw new InvalidMatcherException("matcher " + quote(text) + " has no closing quote");
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    @Override
    public String toString() {
        return name + op.symbol() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
