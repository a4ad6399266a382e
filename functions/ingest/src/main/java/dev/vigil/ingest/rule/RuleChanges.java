package dev.vigil.ingest.rule;

import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleBodies;
import dev.vigil.core.rules.RuleOrigin;
import dev.vigil.core.rules.RuleSetException;
import dev.vigil.core.rules.RuleSetProvider;
import dev.vigil.core.rules.RulesInForce;
import dev.vigil.core.rules.StoredRules;
import dev.vigil.ingest.error.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creates, replaces, deletes and rolls back API rules. A body is checked by the loader that checks the
 * rules file; rules of the defaults and the file are read-only here (409 naming where they live).
 */
@Singleton
class RuleChanges {

    /** A rule name as alert labels and URLs carry it: a letter or underscore, then at most 127 more. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]{0,127}");
    /** A stored body is TEXT (64 KiB, up to 4 bytes a character); a real rule is a few hundred characters. */
    static final int MAX_BODY_CHARS = 16_000;

    private final RuleSetProvider rules;
    private final StoredRules stored;
    private final Clock clock;

    RuleChanges(RuleSetProvider rules, StoredRules stored, Clock clock) {
        this.rules = rules;
        this.stored = stored;
        this.clock = clock;
    }

    /** What a change did, with the rule's fields before and after (null where there was or is none). */
    record Change(String name, String action, int version, @Nullable Map<String, Object> before,
                  @Nullable Map<String, Object> after) {
    }

    /** Checks a body as a rule named {@code name}: 400 naming the field when the rules file would refuse it. */
    Rule validate(String name, Map<String, Object> body) {
        checkName(name);
        Object bodyName = body.get("name");
        if (bodyName != null && !name.equals(String.valueOf(bodyName))) {
            throw ApiException.badRequest("name in the body ('" + bodyName + "') differs from the name in the path ('"
                    + name + "')", "name");
        }
        try {
            return rules.loader().parseRule(entry(name, body), "api rule " + name);
        } catch (RuleSetException e) {
            if (e.field() == null) {
                throw ApiException.badRequest(e.getMessage(), null);
            }
            throw ApiException.badRequest("rule '" + name + "': field '" + e.field() + "': " + e.problem(), e.field());
        }
    }

    /** The body as a rules-file entry: the name first, then the fields as sent. */
    private static Map<String, Object> entry(String name, Map<String, Object> body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        body.forEach((k, v) -> {
            if (!k.equals("name")) {
                fields.put(k, v);
            }
        });
        return fields;
    }

    Change put(String name, Map<String, Object> body, @Nullable String action, String by) {
        checkName(name);
        RulesInForce in = rules.inForce();
        refuseReadOnly(in, name);
        validate(name, body);
        if (hasLoneSurrogate(body)) {
            throw ApiException.badRequest("the rule holds a string that is not valid Unicode (a lone surrogate)", null);
        }
        String text = RuleBodies.toText(entry(name, body));
        if (text.length() > MAX_BODY_CHARS) {
            throw ApiException.badRequest("the rule is " + text.length() + " characters long as YAML; at most "
                    + MAX_BODY_CHARS + " are stored", null);
        }
        StoredRules.Written written = stored.put(name, text, action, by, clock.millis());
        return new Change(name, written.action(), written.version(),
                written.before() == null ? null : RuleBodies.fromText(written.before().body()), RuleBodies.fromText(text));
    }

    Change delete(String name, String by) {
        checkName(name);
        refuseReadOnly(rules.inForce(), name);
        StoredRules.StoredRule before = stored.delete(name, by, clock.millis())
                .orElseThrow(() -> ApiException.notFound("no rule named '" + name + "'"));
        return new Change(name, "delete", before.version() + 1, RuleBodies.fromText(before.body()), null);
    }

    /** Makes version {@code version} of the rule current again, as a new version. */
    Change rollback(String name, int version, String by) {
        checkName(name);
        StoredRules.RuleVersion target = stored.history(name).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> ApiException.notFound("rule '" + name + "' has no version " + version));
        if (target.body() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "version " + version + " of rule '" + name
                    + "' is its deletion; roll back to a version that defined the rule (or DELETE it)", "version");
        }
        return put(name, RuleBodies.fromText(target.body()), "rollback", by);
    }

    private static boolean hasLoneSurrogate(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().anyMatch(e -> hasLoneSurrogate(String.valueOf(e.getKey())) || hasLoneSurrogate(e.getValue()));
        }
        if (value instanceof java.util.List<?> l) {
            return l.stream().anyMatch(RuleChanges::hasLoneSurrogate);
        }
        return value instanceof String s
                && s.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("rule name must match " + NAME.pattern(), "name");
        }
    }

    static void refuseReadOnly(RulesInForce in, String name) {
        RuleOrigin origin = in.origins().get(name);
        if (origin == RuleOrigin.DEFAULT) {
            throw new ApiException(HttpStatus.CONFLICT, "rule '" + name + "' is a " + RuleDocuments.BUILT_IN
                    + " and read-only through the API; change its levels with PUT /api/v1/hosts/{name}/overrides/"
                    + name + " or in the rules file", "name");
        }
        if (origin == RuleOrigin.FILE) {
            throw new ApiException(HttpStatus.CONFLICT, "rule '" + name + "' is defined in the rules file "
                    + in.operatorFile() + " and read-only through the API; edit that file", "name");
        }
    }
}
