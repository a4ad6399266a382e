package dev.vigil.notify.model;

/** Why a message is sent: new or changed alerts, a reminder, an escalation, the all-clear, or an operator's channel test. */
public enum NotificationKind {
    FIRING, REPEAT, ESCALATION, RESOLVED, TEST
}
