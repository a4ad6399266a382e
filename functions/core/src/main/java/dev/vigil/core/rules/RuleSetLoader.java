package dev.vigil.core.rules;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads rules YAML: the shipped defaults, then an operator file that either extends them (rules of
 * the same name replace the default, new names are added, overrides are appended) or, with
 * {@code mode: replace}, replaces them. Everything is checked before anything is used: a bad file
 * is refused as a whole with a message naming the rule and the field.
 */
public final class RuleSetLoader {

    public static final String DEFAULT_RULES = "rules/default-rules.yml";

    private static final Set<String> TOP_FIELDS = Set.of("mode", "rules", "overrides");
    private static final Set<String> RULE_FIELDS = Set.of("name", "kind", "metric", "labels", "aggregation", "window",
            "divide-by", "op", "warning", "critical", "clear", "for", "level", "horizon", "severity", "only-if",
            "absent-for", "inhibits-host", "enabled", "every", "unit", "summary", "description", "runbook", "runbook_url",
            "runbook-url");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("rule", "host", "labels", "warning", "critical", "clear",
            "for", "absent-for", "enabled");
    private static final Set<String> GUARD_FIELDS = Set.of("metric", "op", "value");

    private final long defaultAbsentForMillis;

    /** @param defaultAbsentForMillis the silence after which an ABSENT rule without absent-for fires */
    public RuleSetLoader(long defaultAbsentForMillis) {
        this.defaultAbsentForMillis = defaultAbsentForMillis;
    }

    public RuleSet loadDefaults() {
        try (InputStream in = RuleSetLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RULES)) {
            if (in == null) {
                throw new RuleSetException("missing classpath resource " + DEFAULT_RULES);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RULES, null);
        } catch (IOException e) {
            throw new RuleSetException("cannot read " + DEFAULT_RULES, e);
        }
    }

    /** The defaults combined with the operator's file. */
    public RuleSet load(Path operatorFile) {
        String text;
        try {
            text = Files.readString(operatorFile);
        } catch (IOException e) {
            throw new RuleSetException("rules file " + operatorFile + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, operatorFile.toString(), loadDefaults());
    }

    /** The given defaults combined with the operator's file; the defaults' rule objects are kept as they are. */
    public RuleSet load(Path operatorFile, RuleSet defaults) {
        String text;
        try {
            text = Files.readString(operatorFile);
        } catch (IOException e) {
            throw new RuleSetException("rules file " + operatorFile + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, operatorFile.toString(), defaults);
    }

    /**
     * One rule given as a mapping in the shape of a rules file entry (a rule sent to the API as JSON),
     * checked by exactly the code that checks a rules file.
     */
    public Rule parseRule(Map<String, Object> fields, String source) {
        return rule(fields, source);
    }

    /** One override given as a mapping (a host's override sent to the API), checked as in a rules file. */
    public RuleOverride parseOverride(Map<String, Object> fields, String source) {
        return override(fields, source);
    }

    /** Parses {@code yaml}; with a {@code base}, the result extends or replaces it as the file says. */
    public RuleSet parse(String yaml, String source, RuleSet base) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new RuleSetException("rules file " + source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            root = Map.of();
        }
        Map<String, Object> top = map(root, source, "(file)", "(top level)");
        checkFields(top, TOP_FIELDS, source, "(file)");
        String mode = String.valueOf(top.getOrDefault("mode", "extend"));
        if (!mode.equals("extend") && !mode.equals("replace")) {
            throw error(source, "(file)", "mode", "not one of extend, replace: '" + mode + "'");
        }
        List<Rule> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Object item : list(top.get("rules"), source, "(file)", "rules")) {
            Rule rule = rule(item, source);
            if (!names.add(rule.name())) {
                throw error(source, rule.name(), "name", "defined twice");
            }
            parsed.add(rule);
        }
        List<RuleOverride> overrides = new ArrayList<>();
        for (Object item : list(top.get("overrides"), source, "(file)", "overrides")) {
            overrides.add(override(item, source));
        }
        Map<String, Rule> byName = new LinkedHashMap<>();
        List<RuleOverride> allOverrides = new ArrayList<>();
        if (base != null && mode.equals("extend")) {
            base.rules().forEach(r -> byName.put(r.name(), r));
            allOverrides.addAll(base.overrides());
        }
        parsed.forEach(r -> byName.put(r.name(), r));
        allOverrides.addAll(overrides);
        for (RuleOverride o : allOverrides) {
            if (!byName.containsKey(o.rule())) {
                throw error(source, o.rule(), "rule", "override names a rule that does not exist");
            }
        }
        return new RuleSet(new ArrayList<>(byName.values()), allOverrides);
    }

    private Rule rule(Object item, String source) {
        Map<String, Object> m = map(item, source, "(unnamed)", "rules[]");
        Object rawName = m.get("name");
        if (rawName == null || String.valueOf(rawName).isBlank()) {
            throw error(source, "(unnamed)", "name", "missing");
        }
        String name = String.valueOf(rawName);
        checkFields(m, RULE_FIELDS, source, name);
        Field f = new Field(source, name, m);
        RuleKind kind = f.text("kind", RuleKind::parse, RuleKind.THRESHOLD);
        String metric = f.string("metric");
        if (kind != RuleKind.ABSENT && metric == null) {
            throw error(source, name, "metric", "missing");
        }
        List<LabelMatcher> labels = f.matchers("labels");
        Aggregation aggregation = f.text("aggregation", Aggregation::parse, Aggregation.LAST);
        long window = f.parse("window", Quantities::durationMillis, kind == RuleKind.TREND ? 3_600_000L : 0L);
        if (aggregation != Aggregation.LAST && window <= 0) {
            throw error(source, name, "window", "required for aggregation " + aggregation.name().toLowerCase());
        }
        long forMillis = f.parse("for", Quantities::durationMillis, 0L);
        Thresholds thresholds;
        double level = 0;
        long horizon = 0;
        switch (kind) {
            case ABSENT -> {
                long absentFor = f.parse("absent-for", Quantities::durationMillis, defaultAbsentForMillis);
                // the value of an ABSENT reading is the seconds since the host was last heard of
                thresholds = severityOnly(f, Comparison.GE, absentFor / 1000.0, Severity.CRITICAL);
            }
            case TREND -> {
                level = f.parse("level", Quantities::number, 0.0);
                horizon = f.parse("horizon", Quantities::durationMillis, 0L);
                if (horizon <= 0) {
                    throw error(source, name, "horizon", "missing or zero");
                }
                // the value tested is the milliseconds until the level is reached
                thresholds = severityOnly(f, Comparison.LE, (double) horizon, Severity.WARNING);
            }
            default -> {
                Comparison op = f.text("op", Comparison::parse, Comparison.GT);
                Double warning = f.parse("warning", Quantities::number, null);
                Double critical = f.parse("critical", Quantities::number, null);
                Double clear = f.parse("clear", Quantities::number, null);
                if (warning == null && critical == null) {
                    throw error(source, name, "warning", "a threshold rule needs warning and/or critical");
                }
                if (warning != null && critical != null && op.direction() != 0
                        && (critical - warning) * op.direction() < 0) {
                    throw error(source, name, "critical", "must be beyond warning for op " + op.symbol());
                }
                if (clear != null) {
                    double lowest = warning != null ? warning : critical;
                    if (op.direction() == 0) {
                        throw error(source, name, "clear", "has no meaning for op " + op.symbol());
                    }
                    if ((lowest - clear) * op.direction() < 0) {
                        throw error(source, name, "clear", "must be on the healthy side of " + lowest);
                    }
                }
                thresholds = new Thresholds(op, warning, critical, clear, forMillis);
            }
        }
        if (kind != RuleKind.THRESHOLD) {
            thresholds = new Thresholds(thresholds.comparison(), thresholds.warning(), thresholds.critical(), null, forMillis);
        }
        Rule.Guard guard = null;
        if (m.get("only-if") != null) {
            Map<String, Object> g = map(m.get("only-if"), source, name, "only-if");
            checkFields(g, GUARD_FIELDS, source, name);
            Field gf = new Field(source, name, g);
            String gm = gf.string("metric");
            Double gv = gf.parse("value", Quantities::number, null);
            if (gm == null || gv == null) {
                throw error(source, name, "only-if", "needs metric and value");
            }
            guard = new Rule.Guard(gm, gf.text("op", Comparison::parse, Comparison.GE), gv);
        }
        String divideBy = f.string("divide-by");
        Unit unit = f.text("unit", Unit::parse, Unit.forMetric(kind, metric, divideBy != null));
        if (kind == RuleKind.ABSENT && unit.base() != Unit.Base.SECONDS) {
            throw error(source, name, "unit", "an absent rule measures seconds without data: use seconds");
        }
        if (m.containsKey("runbook_url") && m.containsKey("runbook-url")) {
            throw error(source, name, "runbook_url", "given twice (runbook_url and runbook-url)");
        }
        String urlField = m.containsKey("runbook-url") ? "runbook-url" : "runbook_url";
        String runbookUrl = f.text(urlField, AlertText::checkRunbookUrl, null);
        return new Rule(name, kind, metric, labels, aggregation, window, divideBy, thresholds, level,
                horizon, guard, f.parse("inhibits-host", RuleSetLoader::bool, false), f.parse("enabled", RuleSetLoader::bool, true),
                f.parse("every", Quantities::durationMillis, 0L),
                unit,
                f.string("summary") == null ? "{{rule}} on {{host}}: {{value}}" : f.string("summary"),
                f.string("description") == null ? "" : f.string("description"),
                f.string("runbook") == null ? "" : f.string("runbook"),
                runbookUrl);
    }

    private static Thresholds severityOnly(Field f, Comparison op, double level, Severity fallback) {
        Severity severity = f.text("severity", Severity::fromWire, fallback);
        return severity == Severity.CRITICAL
                ? new Thresholds(op, null, level, null, 0)
                : new Thresholds(op, level, null, null, 0);
    }

    private RuleOverride override(Object item, String source) {
        Map<String, Object> m = map(item, source, "(override)", "overrides[]");
        Object rule = m.get("rule");
        if (rule == null) {
            throw error(source, "(override)", "rule", "missing");
        }
        String name = String.valueOf(rule);
        checkFields(m, OVERRIDE_FIELDS, source, name);
        Field f = new Field(source, name, m);
        Pattern host = f.text("host", Pattern::compile, null);
        Double critical = f.parse("critical", Quantities::number, null);
        Long absentFor = f.parse("absent-for", Quantities::durationMillis, null);
        if (absentFor != null) {
            critical = absentFor / 1000.0;
        }
        return new RuleOverride(name, host, f.matchers("labels"), f.parse("warning", Quantities::number, null),
                critical, f.parse("clear", Quantities::number, null), f.parse("for", Quantities::durationMillis, null),
                f.parse("enabled", RuleSetLoader::bool, null));
    }

    private static boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("not true or false: '" + raw + "'");
    }

    /** Reads one field of one rule, turning a parse failure into an error that names both. */
    private record Field(String source, String rule, Map<String, Object> values) {

        interface Parser<T> {
            T parse(String raw) throws RuntimeException;
        }

        <T> T parse(String field, java.util.function.Function<Object, T> parser, T fallback) {
            Object raw = values.get(field);
            if (raw == null) {
                return fallback;
            }
            try {
                return parser.apply(raw);
            } catch (IllegalArgumentException e) {
                throw error(source, rule, field, e.getMessage());
            }
        }

        <T> T text(String field, Parser<T> parser, T fallback) {
            return parse(field, (java.util.function.Function<Object, T>) raw -> parser.parse(String.valueOf(raw)), fallback);
        }

        String string(String field) {
            Object raw = values.get(field);
            if (raw == null) {
                return null;
            }
            if (raw instanceof Map || raw instanceof List) {
                throw error(source, rule, field, "must be a single value");
            }
            return String.valueOf(raw);
        }

        List<LabelMatcher> matchers(String field) {
            Object raw = values.get(field);
            if (raw == null) {
                return List.of();
            }
            List<LabelMatcher> matchers = new ArrayList<>();
            for (Map.Entry<String, Object> e : map(raw, source, rule, field).entrySet()) {
                try {
                    matchers.add(LabelMatcher.parse(e.getKey(), String.valueOf(e.getValue())));
                } catch (PatternSyntaxException ex) {
                    throw error(source, rule, field + "." + e.getKey(), "not a regular expression: " + ex.getDescription());
                }
            }
            return matchers;
        }
    }

    private static void checkFields(Map<String, Object> m, Set<String> allowed, String source, String rule) {
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                throw error(source, rule, key, "unknown field");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw, String source, String rule, String field) {
        if (raw instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        throw error(source, rule, field, "must be a mapping");
    }

    private static List<?> list(Object raw, String source, String rule, String field) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> l) {
            return l;
        }
        throw error(source, rule, field, "must be a list");
    }

    static RuleSetException error(String source, String rule, String field, String problem) {
        return new RuleSetException("rules file " + source + ": rule '" + rule + "': field '" + field + "': " + problem,
                rule, field, problem);
    }
}
