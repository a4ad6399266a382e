package dev.vigil.notify.model;

/** Why a message is sent: new or changed alerts, a reminder, an escalation, or the all-clear. */
public enum NotificationKind {
    FIRING, REPEAT, ESCALATION, RESOLVED
}
