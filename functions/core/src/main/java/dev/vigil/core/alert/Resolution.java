package dev.vigil.core.alert;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;

/**
 * Why a resolved alert ended ({@code alerts.resolution}). Messages must not call a series that went
 * quiet "fixed": only {@link #RECOVERED} means the condition was seen to clear.
 */
public enum Resolution {
    /** The condition was evaluated on fresh data and no longer holds. */
    RECOVERED,
    /** The series stopped reporting (for {@code vigil.evaluate.stale-after}) while its host kept sending. */
    NO_DATA,
    /** Nothing evaluates it any more: its rule was removed or disabled for it, or its host was removed. */
    NOT_EVALUATED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Nullable
    public static Resolution fromWire(@Nullable String s) {
        return s == null ? null : valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
