package dev.vigil.notify.route;

import dev.vigil.notify.notifier.Notifier;

/**
 * One channel of a receiver (an email config, a webhook URL, …): what the outbox delivers to.
 *
 * @param key    the outbox's and notification log's name for it: the receiver name when the receiver
 *               has one integration (so "email", "slack", "webhook-0" stay what they were), else
 *               {@code receiver/kind-n}
 * @param kind   email, webhook, slack or telegram
 * @param target where it goes, with secrets (webhook paths, bot tokens, passwords) redacted
 */
public record Integration(String key, String receiver, String kind, String target, Notifier notifier, boolean sendResolved) {
}
