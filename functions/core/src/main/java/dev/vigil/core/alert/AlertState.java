package dev.vigil.core.alert;

import java.util.Locale;

public enum AlertState {
    PENDING, FIRING, RESOLVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertState fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
