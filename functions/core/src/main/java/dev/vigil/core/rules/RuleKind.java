package dev.vigil.core.rules;

import java.util.Locale;

/** THRESHOLD compares an (optionally divided) aggregate; ABSENT watches hosts that stop sending; TREND extrapolates. */
public enum RuleKind {
    THRESHOLD, ABSENT, TREND;

    public static RuleKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not one of threshold, absent, trend: '" + name + "'");
        }
    }
}
