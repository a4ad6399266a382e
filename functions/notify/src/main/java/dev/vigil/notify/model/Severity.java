package dev.vigil.notify.model;

import java.util.Locale;

public enum Severity {
    WARNING, CRITICAL;

    public static Severity parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public String lower() {
        return name().toLowerCase(Locale.ROOT);
    }
}
