package dev.vigil.notify.meta;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code vigil.notify.watchdog.enabled} (env {@code VIGIL_NOTIFY_WATCHDOG_ENABLED}): off by default, because a
 * routing file whose root receiver takes everything would otherwise start receiving a heartbeat nobody asked for.
 */
@ConfigurationProperties("vigil.notify.watchdog")
public class WatchdogProperties {

    private boolean enabled;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
