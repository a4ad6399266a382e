package dev.vigil.notify.route;

import dev.vigil.notify.notifier.Notifier;

/** A named destination: "email", "escalation-email", "slack", "telegram", "webhook-0", … */
public record Receiver(String name, Notifier notifier, boolean sendResolved) {
}
