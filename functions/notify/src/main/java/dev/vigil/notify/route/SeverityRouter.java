package dev.vigil.notify.route;

import dev.vigil.notify.config.NotifyProperties;
import dev.vigil.notify.model.Severity;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/** Which receivers hear about an alert of a severity, how often it is repeated, and who hears escalations. */
@Singleton
public class SeverityRouter {

    private final List<Receiver> warning;
    private final List<Receiver> critical;
    private final List<Receiver> escalation;
    private final NotifyProperties properties;

    public SeverityRouter(NotifyProperties properties, ReceiverRegistry registry) {
        this.properties = properties;
        this.warning = registry.resolve(properties.getWarningReceivers());
        this.critical = registry.resolve(properties.getCriticalReceivers());
        this.escalation = registry.resolve(properties.getEscalationReceivers());
    }

    public List<Receiver> receiversFor(Severity severity) {
        return severity == Severity.CRITICAL ? critical : warning;
    }

    public boolean routes(Receiver receiver, Severity severity) {
        return receiversFor(severity).contains(receiver);
    }

    public Duration repeatInterval(Severity severity) {
        return severity == Severity.CRITICAL ? properties.getRepeatCritical() : properties.getRepeatWarning();
    }

    public List<Receiver> escalationReceivers() {
        return escalation;
    }

    /** Every receiver any route can reach, in a stable order. */
    public List<Receiver> all() {
        return java.util.stream.Stream.of(critical, warning, escalation).flatMap(List::stream).distinct().toList();
    }
}
