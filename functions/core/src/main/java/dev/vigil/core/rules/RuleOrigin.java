package dev.vigil.core.rules;

import java.util.Locale;

/** Where a rule in force comes from: only API rules can be changed through the API. */
public enum RuleOrigin {
    DEFAULT, FILE, API;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
