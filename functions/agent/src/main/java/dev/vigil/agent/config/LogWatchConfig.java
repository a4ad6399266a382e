package dev.vigil.agent.config;

import dev.vigil.agent.logs.LogPattern;
import dev.vigil.agent.logs.LogPresets;
import dev.vigil.agent.logs.LogWatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one {@code logs:} entry; every problem names its key, a bad regular expression included. */
final class LogWatchConfig {

    static final Set<String> KEYS = Set.of("name", "path", "preset", "patterns", "include", "exclude");
    private static final Set<String> PATTERN_KEYS = Set.of("name", "regex", "severity");
    private static final Set<String> SEVERITIES = Set.of(LogPattern.WARNING, LogPattern.CRITICAL);
    /** Names become label values and API fields: the same limit as ingest's. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private LogWatchConfig() {
    }

    static LogWatch parse(String key, String name, String path, String preset,
                          List<?> patterns, List<String> include, List<String> exclude) {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(key + ".name", "'" + name + "' must be 1-64 letters, digits, '_', '.' or '-'");
        }
        Map<String, LogPattern> byName = new LinkedHashMap<>();
        if (preset != null) {
            List<LogPattern> shipped = LogPresets.named(preset);
            if (shipped == null) {
                throw new ConfigException(key + ".preset", "unknown preset '" + preset + "' (known: " + LogPresets.known() + ")");
            }
            shipped.forEach(p -> byName.put(p.name(), p));
        }
        for (int i = 0; i < patterns.size(); i++) {
            LogPattern p = pattern(key + ".patterns[" + i + "]", patterns.get(i));
            byName.remove(p.name()); // the operator's own pattern of a preset's name replaces it, in the operator's order
            byName.put(p.name(), p);
        }
        if (byName.isEmpty()) {
            throw new ConfigException(key + ".patterns", "required: at least one pattern, or a preset (" + LogPresets.known() + ")");
        }
        return new LogWatch(name, path, new ArrayList<>(byName.values()), regexes(key + ".include", include),
                regexes(key + ".exclude", exclude));
    }

    @SuppressWarnings("unchecked")
    private static LogPattern pattern(String key, Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new ConfigException(key, "must be a mapping with name, regex and severity");
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        for (Object k : m.keySet()) {
            if (!PATTERN_KEYS.contains(String.valueOf(k))) {
                throw new ConfigException(key + "." + k, "unknown key (known: " + String.join(", ", new TreeSet<>(PATTERN_KEYS)) + ")");
            }
        }
        String name = m.get("name") == null ? "" : m.get("name").toString().trim();
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(key + ".name", "required: 1-64 letters, digits, '_', '.' or '-'");
        }
        if (m.get("regex") == null || m.get("regex").toString().isEmpty()) {
            throw new ConfigException(key + ".regex", "required: a regular expression");
        }
        String severity = m.get("severity") == null ? LogPattern.WARNING : m.get("severity").toString().trim();
        if (!SEVERITIES.contains(severity)) {
            throw new ConfigException(key + ".severity", "'" + severity + "' is not one of warning, critical");
        }
        return new LogPattern(name, compile(key + ".regex", m.get("regex").toString()), severity);
    }

    private static List<Pattern> regexes(String key, List<String> texts) {
        List<Pattern> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(compile(key + "[" + i + "]", texts.get(i)));
        }
        return out;
    }

    private static Pattern compile(String key, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(key, "not a valid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex() + " of '" + regex + "'");
        }
    }
}
