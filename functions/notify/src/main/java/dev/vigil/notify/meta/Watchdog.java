package dev.vigil.notify.meta;

import dev.vigil.core.rules.Severity;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Alertmanager's Watchdog pattern: an alert that always fires while Vigil runs, severity info, host
 * {@code vigil} ({@link dev.vigil.core.host.SelfHost#NAME}). The default routes send info nowhere; a route on {@code alertname="Watchdog"} to a
 * dead-man's-switch receiver (with a short repeat_interval) turns its repeats into a heartbeat, so the outside
 * notices when Vigil stops notifying. Every notify run opens it if it is not open (acknowledging it stops the
 * heartbeat, as any ack stops repeats). Opt-in: {@code vigil.notify.watchdog.enabled=true}; turned off again, it resolves.
 */
@Singleton
public class Watchdog {

    public static final String RULE = "Watchdog";

    private final MetaAlerts alerts;
    private final WatchdogProperties properties;
    /** Turned off: resolve a Watchdog left open by an earlier configuration once per process, not every run. */
    private volatile boolean offChecked;

    public Watchdog(MetaAlerts alerts, WatchdogProperties properties) {
        this.alerts = alerts;
        this.properties = properties;
    }

    /** Opens the Watchdog unless it is open already; one indexed lookup when it is. */
    public void keepFiring() {
        if (properties.isEnabled()) {
            alerts.raise(RULE, Map.of(), "Vigil's watchdog: this alert always fires while Vigil evaluates and notifies. "
                    + "Route it to a dead man's switch; its silence means Vigil has stopped.", "always firing", Severity.INFO);
        } else if (!offChecked) {
            offChecked = true;
            alerts.resolve(RULE, Map.of(), "watchdog turned off (vigil.notify.watchdog.enabled)");
        }
    }
}
