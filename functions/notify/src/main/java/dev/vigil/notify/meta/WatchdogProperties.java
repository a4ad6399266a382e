package dev.vigil.notify.meta;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.List;

/**
 * {@code vigil.notify.watchdog.enabled} (env {@code VIGIL_NOTIFY_WATCHDOG_ENABLED}): off by default, because a
 * routing file whose root receiver takes everything would otherwise start receiving a heartbeat nobody asked for.
 */
@ConfigurationProperties("vigil.notify.watchdog")
public class WatchdogProperties {

    /** A heartbeat every 5 minutes: a dead man's switch with a 10-15 minute period notices a stop within it. */
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofMinutes(5);

    private boolean enabled;
    /** Without a routing file: the receivers (as named by the default tree: webhook-0, slack, email, ...) that get it. */
    @NotNull
    private List<String> receivers = List.of();
    @NotNull
    private Duration repeatInterval = DEFAULT_REPEAT_INTERVAL;

    public List<String> getReceivers() {
        return receivers;
    }

    public void setReceivers(List<String> receivers) {
        this.receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    public Duration getRepeatInterval() {
        return repeatInterval;
    }

    public void setRepeatInterval(Duration repeatInterval) {
        this.repeatInterval = repeatInterval;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
