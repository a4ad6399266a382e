package dev.vigil.notify.notifier;

import io.micronaut.core.annotation.Nullable;

/**
 * What a notifier reports: delivered, or failed and whether trying again can help. The error text
 * must never contain a secret (password, token, URL path): it is stored and logged.
 */
public record DeliveryResult(boolean delivered, boolean retryable, @Nullable String error) {

    public static DeliveryResult ok() {
        return new DeliveryResult(true, false, null);
    }

    public static DeliveryResult retry(String error) {
        return new DeliveryResult(false, true, error);
    }

    public static DeliveryResult permanent(String error) {
        return new DeliveryResult(false, false, error);
    }
}
