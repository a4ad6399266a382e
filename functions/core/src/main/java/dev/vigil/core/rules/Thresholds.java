package dev.vigil.core.rules;

import io.micronaut.core.annotation.Nullable;

/**
 * The levels of one rule as they apply to one series (after per-host overrides).
 *
 * @param clear hysteresis: an open alert stays open until the value is on the good side of this level
 */
public record Thresholds(Comparison comparison, @Nullable Double warning, @Nullable Double critical,
                         @Nullable Double clear, long forMillis) {

    /** The severity whose level the value crosses, or null when it crosses none. */
    @Nullable
    public Severity crossed(double value) {
        if (critical != null && comparison.holds(value, critical)) {
            return Severity.CRITICAL;
        }
        if (warning != null && comparison.holds(value, warning)) {
            return Severity.WARNING;
        }
        return null;
    }

    /**
     * The severity of an alert that is already open, or null when it clears. With a clear level the
     * alert holds until the value passes it, and critical falls back to warning only by the same
     * margin, so a value wobbling around a level does not flap.
     */
    @Nullable
    public Severity whileOpen(double value, Severity current) {
        Severity crossed = crossed(value);
        if (clear == null || comparison.direction() == 0) {
            return crossed;
        }
        int dir = comparison.direction();
        if ((value - clear) * dir <= 0) {
            return null;
        }
        if (crossed == Severity.CRITICAL) {
            return Severity.CRITICAL;
        }
        Severity lowest = warning != null ? Severity.WARNING : Severity.CRITICAL;
        if (current == Severity.CRITICAL && critical != null && warning != null) {
            double margin = Math.abs(warning - clear);
            boolean wellBelowCritical = (critical - value) * dir >= margin;
            return wellBelowCritical ? Severity.WARNING : Severity.CRITICAL;
        }
        return crossed != null ? crossed : lowest;
    }

    @Nullable
    public Double level(Severity severity) {
        return severity == Severity.CRITICAL ? critical : warning;
    }
}
