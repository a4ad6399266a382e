package dev.vigil.notify.notifier;

import dev.vigil.notify.model.Notification;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/** One integration (email, webhook, Slack, Telegram). Retries and backoff are the outbox's job, not the notifier's. */
public interface Notifier {

    DeliveryResult deliver(Notification notification);

    /**
     * Called when the outbox is about to claim this integration's due items, on another thread, so set-up
     * such as an SMTP connection overlaps the claim's database round trips. Must not throw; a failure here
     * only means {@link #deliver} sets up (and reports) as it would have anyway.
     */
    default void prepare() {
    }

    /**
     * For a peer that forgets a firing alert unless it hears of it again (an Alertmanager), how often an
     * announced alert is pushed again while it fires, whatever the route's repeat interval, even when
     * Vigil mutes or acknowledges it: only its resolution may end it there. Null for the others.
     */
    @Nullable
    default Duration keepAliveInterval() {
        return null;
    }
}
