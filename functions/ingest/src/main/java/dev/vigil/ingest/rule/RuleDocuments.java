package dev.vigil.ingest.rule;

import dev.vigil.core.rules.LabelMatcher;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleOrigin;
import dev.vigil.core.rules.RuleOverride;
import dev.vigil.core.rules.RulesInForce;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.rules.StoredRules;
import dev.vigil.core.rules.Thresholds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rules as the API shows them: the fields of a rules-file entry with the file's names ({@code for},
 * {@code divide-by}, durations as "5m"), so a rule read from GET can be edited and sent back to PUT,
 * plus where it comes from, whether the API may change it, and the overrides that apply to it.
 */
final class RuleDocuments {

    static final String BUILT_IN = "built-in default";

    private RuleDocuments() {
    }

    static Map<String, Object> ruleInForce(RulesInForce in, Rule rule) {
        Map<String, Object> doc = new LinkedHashMap<>();
        RuleOrigin origin = in.originOf(rule.name());
        doc.put("name", rule.name());
        doc.put("source", origin.wire());
        doc.put("readOnly", origin != RuleOrigin.API);
        doc.put("definedIn", definedIn(in, origin));
        StoredRules.StoredRule stored = origin == RuleOrigin.API ? in.apiRules().get(rule.name()) : null;
        doc.put("version", stored == null ? null : stored.version());
        doc.put("updatedAt", stored == null ? null : stored.updatedAt());
        doc.put("updatedBy", stored == null ? null : stored.updatedBy());
        doc.put("active", !in.ruleSet().disabledEverywhere(rule));
        doc.putAll(fields(rule));
        doc.put("overrides", overrides(in, rule.name()));
        return doc;
    }

    static String definedIn(RulesInForce in, RuleOrigin origin) {
        return switch (origin) {
            case DEFAULT -> BUILT_IN;
            case FILE -> "rules file " + in.operatorFile();
            case API -> "api";
        };
    }

    /** The rule in the shape of a rules-file entry (what PUT accepts). */
    static Map<String, Object> fields(Rule rule) {
        Map<String, Object> f = new LinkedHashMap<>();
        Thresholds t = rule.thresholds();
        f.put("kind", rule.kind().name().toLowerCase(Locale.ROOT));
        f.put("metric", rule.metric());
        f.put("labels", matchers(rule.labels()));
        f.put("aggregation", rule.aggregation().name().toLowerCase(Locale.ROOT));
        f.put("window", rule.windowMillis() > 0 ? duration(rule.windowMillis()) : null);
        f.put("divide-by", rule.divideBy());
        switch (rule.kind()) {
            case THRESHOLD -> {
                f.put("op", t.comparison().symbol());
                f.put("warning", t.warning());
                f.put("critical", t.critical());
                f.put("clear", t.clear());
            }
            case ABSENT -> {
                f.put("severity", severity(t).wire());
                f.put("absent-for", duration(Math.round(level(t) * 1000)));
            }
            case TREND -> {
                f.put("severity", severity(t).wire());
                f.put("level", rule.level());
                f.put("horizon", duration(rule.horizonMillis()));
            }
        }
        f.put("for", duration(t.forMillis()));
        if (rule.onlyIf() != null) {
            Map<String, Object> guard = new LinkedHashMap<>();
            guard.put("metric", rule.onlyIf().metric());
            guard.put("op", rule.onlyIf().comparison().symbol());
            guard.put("value", rule.onlyIf().value());
            f.put("only-if", guard);
        } else {
            f.put("only-if", null);
        }
        f.put("inhibits-host", rule.inhibitsHost());
        f.put("enabled", rule.enabled());
        f.put("every", rule.everyMillis() > 0 ? duration(rule.everyMillis()) : null);
        f.put("unit", rule.unit().wire());
        f.put("summary", rule.summary());
        f.put("description", rule.description());
        f.put("runbook", rule.runbook());
        f.put("runbook_url", rule.runbookUrl());
        return f;
    }

    /** Overrides of the defaults and file first, then the per-host ones stored through the API (the later win). */
    static List<Map<String, Object>> overrides(RulesInForce in, String rule) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RuleOverride o : in.fileOverrides()) {
            if (!o.rule().equals(rule)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", in.operatorFile() == null ? RuleOrigin.DEFAULT.wire() : RuleOrigin.FILE.wire());
            m.put("host", o.host() == null ? null : o.host().pattern());
            m.put("labels", matchers(o.labels()));
            m.put("warning", o.warning());
            m.put("critical", o.critical());
            m.put("clear", o.clear());
            m.put("for", o.forMillis() == null ? null : duration(o.forMillis()));
            m.put("disabled", o.enabled() == null ? null : !o.enabled());
            out.add(m);
        }
        for (StoredRules.HostOverride o : in.hostOverrides()) {
            if (o.rule().equals(rule)) {
                Map<String, Object> m = hostOverride(o);
                m.remove("rule");
                out.add(m);
            }
        }
        return out;
    }

    static Map<String, Object> hostOverride(StoredRules.HostOverride o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", RuleOrigin.API.wire());
        m.put("rule", o.rule());
        m.put("host", o.host());
        m.put("warning", o.warning());
        m.put("critical", o.critical());
        m.put("for", o.forMillis() == null ? null : duration(o.forMillis()));
        m.put("disabled", o.disabled());
        m.put("updatedAt", o.updatedAt());
        m.put("updatedBy", o.updatedBy());
        return m;
    }

    static Map<String, String> matchers(List<LabelMatcher> matchers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (LabelMatcher m : matchers) {
            out.put(m.label(), (m.negated() ? "!" : "") + m.pattern().pattern());
        }
        return out;
    }

    /** The largest whole unit a rules file accepts: 300000 ms is "5m", 90000 ms "90s". */
    static String duration(long millis) {
        if (millis == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + names[i];
            }
        }
        return millis + "ms";
    }

    private static Severity severity(Thresholds t) {
        return t.critical() != null ? Severity.CRITICAL : Severity.WARNING;
    }

    private static double level(Thresholds t) {
        Double level = t.critical() != null ? t.critical() : t.warning();
        return level == null ? 0 : level;
    }
}
