package dev.vigil.core.rules;

import java.util.Locale;

public enum Severity {
    WARNING, CRITICAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
