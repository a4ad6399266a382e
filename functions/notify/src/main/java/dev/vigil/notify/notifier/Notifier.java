package dev.vigil.notify.notifier;

import dev.vigil.notify.model.Notification;

/** One integration (email, webhook, Slack, Telegram). Retries and backoff are the outbox's job, not the notifier's. */
public interface Notifier {

    DeliveryResult deliver(Notification notification);
}
