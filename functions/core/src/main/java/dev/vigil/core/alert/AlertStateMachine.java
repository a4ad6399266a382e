package dev.vigil.core.alert;

import dev.vigil.core.rules.AlertText;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleKind;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.rules.Thresholds;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle of one fingerprint: nothing → pending → firing → resolved, with the severity free
 * to rise and fall while open. Pure: it sees a reading and the open row and returns the new row and
 * its events. A pending alert that clears before firing is closed without a RESOLVED event, because
 * nothing was ever announced for it.
 */
final class AlertStateMachine {

    private AlertStateMachine() {
    }

    /** @return the transition, or null when there is no alert and none is due */
    @Nullable
    static AlertTransition step(Rule rule, Thresholds thresholds, Reading reading, @Nullable AlertRecord open, long now) {
        if (open == null) {
            Severity crossed = thresholds.crossed(reading.tested());
            if (crossed == null) {
                return null;
            }
            boolean firesNow = thresholds.forMillis() <= 0;
            AlertRecord created = render(rule, reading, new AlertRecord(null,
                    Fingerprint.of(rule.name(), reading.host(), reading.labelsJson()), rule.name(), reading.hostId(),
                    reading.host(), reading.labelsJson(), crossed, firesNow ? AlertState.FIRING : AlertState.PENDING,
                    null, null, null, null, now, firesNow ? now : null, null, now, null, null, null, false, false),
                    crossed, thresholds, now);
            return new AlertTransition(null, created, List.of(firesNow ? AlertEventKind.FIRING : AlertEventKind.PENDING));
        }
        Severity severity = thresholds.whileOpen(reading.tested(), open.severity());
        if (severity == null) {
            return resolve(open, now, reading.value());
        }
        List<AlertEventKind> events = new ArrayList<>();
        AlertState state = open.state();
        Long firingAt = open.firingAt();
        if (state == AlertState.PENDING && now - open.startsAt() >= thresholds.forMillis()) {
            state = AlertState.FIRING;
            firingAt = now;
            events.add(AlertEventKind.FIRING);
        } else if (state == AlertState.FIRING && severity != open.severity()) {
            events.add(AlertEventKind.SEVERITY_CHANGED);
        }
        AlertRecord next = render(rule, reading, new AlertRecord(open.id(), open.fingerprint(), open.rule(),
                reading.hostId(), reading.host(), open.labelsJson(), severity, state, null, null, null, null,
                open.startsAt(), firingAt, null, now, null, open.acknowledgedAt(), open.acknowledgedBy(),
                open.silenced(), open.inhibited()), severity, thresholds, now);
        return new AlertTransition(open, next, events);
    }

    /** Closes an open alert: its condition cleared, its series is gone, or its rule was removed. */
    static AlertTransition resolve(AlertRecord open, long now, @Nullable Double lastValue) {
        AlertRecord resolved = new AlertRecord(open.id(), open.fingerprint(), open.rule(), open.hostId(), open.host(),
                open.labelsJson(), open.severity(), AlertState.RESOLVED, lastValue != null ? lastValue : open.value(),
                open.threshold(), open.summary(), open.runbook(), open.startsAt(), open.firingAt(), now, now,
                open.predictedAt(), open.acknowledgedAt(), open.acknowledgedBy(), open.silenced(), open.inhibited());
        List<AlertEventKind> events = open.firingAt() != null ? List.of(AlertEventKind.RESOLVED) : List.of();
        return new AlertTransition(open, resolved, events);
    }

    private static AlertRecord render(Rule rule, Reading reading, AlertRecord a, Severity severity,
                                      Thresholds thresholds, long now) {
        Double threshold = rule.kind() == RuleKind.TREND ? rule.level() : thresholds.level(severity);
        Long until = reading.predictedAt() == null ? null : reading.predictedAt() - now;
        Map<String, String> vars = AlertText.vars(rule, reading.host(), reading.labels(), reading.value(), threshold,
                severity.wire(), until);
        return new AlertRecord(a.id(), a.fingerprint(), a.rule(), a.hostId(), a.host(), a.labelsJson(), severity,
                a.state(), reading.value(), threshold, AlertText.render(rule.summary(), vars),
                AlertText.render(rule.runbook(), vars), a.startsAt(), a.firingAt(), a.endsAt(), a.updatedAt(),
                reading.predictedAt(), a.acknowledgedAt(), a.acknowledgedBy(), a.silenced(), a.inhibited());
    }
}
