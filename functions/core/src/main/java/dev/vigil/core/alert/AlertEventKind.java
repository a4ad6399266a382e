package dev.vigil.core.alert;

/** The kinds of alert_events rows; notify reads FIRING, SEVERITY_CHANGED and RESOLVED. */
public enum AlertEventKind {
    PENDING, FIRING, SEVERITY_CHANGED, RESOLVED, ACKNOWLEDGED
}
