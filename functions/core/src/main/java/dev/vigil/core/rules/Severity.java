package dev.vigil.core.rules;

import java.util.Locale;

public enum Severity {
    /** Below warning: only Vigil's Watchdog uses it; thresholds never give it, the default routes send it nowhere. */
    INFO, WARNING, CRITICAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
