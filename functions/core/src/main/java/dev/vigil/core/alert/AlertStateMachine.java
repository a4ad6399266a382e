package dev.vigil.core.alert;

import dev.vigil.core.rules.AlertText;
import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleKind;
import dev.vigil.core.rules.Severity;
import dev.vigil.core.rules.Thresholds;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * The lifecycle of one fingerprint: nothing → pending → firing → resolved, with the severity free
 * to rise and fall while open. Pure: it sees a reading and the open row and returns the new row and
 * its events. A pending alert that clears before firing is closed without a RESOLVED event, because
 * nothing was ever announced for it. Every resolution says why ({@link Resolution}).
 */
public final class AlertStateMachine {

    private AlertStateMachine() {
    }

    /**
     * @param hostLabelsJson the host's labels as they are now, copied onto the alert
     * @param disks          what the agent knows about full disks, asked only when a disk alert is written
     * @param extraVars      template variables beyond the reading's own (the log lines of a log watch alert)
     * @return the transition, or null when there is no alert and none is due
     */
    @Nullable
    public static AlertTransition step(Rule rule, Thresholds thresholds, Reading reading, @Nullable AlertRecord open, long now,
                                String hostLabelsJson, DiskFacts disks, Map<String, String> extraVars) {
        if (open == null) {
            Severity crossed = thresholds.crossed(reading.tested());
            if (crossed == null) {
                return null;
            }
            boolean firesNow = thresholds.forMillis() <= 0;
            AlertRecord created = render(rule, reading, AlertRecord.builder()
                    .fingerprint(Fingerprint.of(rule.name(), reading.host(), reading.labelsJson()))
                    .rule(rule.name())
                    .labelsJson(reading.labelsJson())
                    .state(firesNow ? AlertState.FIRING : AlertState.PENDING)
                    .startsAt(now)
                    .firingAt(firesNow ? now : null), crossed, thresholds, now, hostLabelsJson, disks, extraVars);
            return new AlertTransition(null, created, List.of(firesNow ? AlertEventKind.FIRING : AlertEventKind.PENDING));
        }
        Severity severity = thresholds.whileOpen(reading.tested(), open.severity());
        if (severity == null) {
            return recovered(rule, thresholds, reading, open, now, hostLabelsJson, disks);
        }
        AlertRecord.Builder next = open.toBuilder();
        List<AlertEventKind> events = List.of();
        if (open.state() == AlertState.PENDING && now - open.startsAt() >= thresholds.forMillis()) {
            next.state(AlertState.FIRING).firingAt(now);
            events = List.of(AlertEventKind.FIRING);
        } else if (open.state() == AlertState.FIRING && severity != open.severity()) {
            events = List.of(AlertEventKind.SEVERITY_CHANGED);
        }
        return new AlertTransition(open, render(rule, reading, next, severity, thresholds, now, hostLabelsJson, disks, extraVars), events);
    }

    /** The condition was evaluated on fresh data and no longer holds. */
    private static AlertTransition recovered(Rule rule, Thresholds thresholds, Reading reading, AlertRecord open, long now,
                                             String hostLabelsJson, DiskFacts disks) {
        String valueText = AlertText.valueText(rule, reading.value(), reading.dividend(), untilMillis(reading, now));
        String sentence = switch (rule.kind()) {
            case ABSENT -> {
                long lastSeenAt = now - Math.round(reading.value() * 1000);
                // the last sample before the gap: the silence at the last update, counted back from then
                long silentSince = open.value() == null ? open.startsAt() : open.updatedAt() - Math.round(open.value() * 1000);
                long gap = Math.max(0, lastSeenAt - silentSince);
                // "no data for 0s" would read as if still down
                valueText = ResolutionText.reportingAgainAfter(gap);
                yield ResolutionText.reportingAgain(lastSeenAt, gap, now);
            }
            case TREND -> ResolutionText.trendTurned(open.thresholdText(), valueText);
            case THRESHOLD -> ResolutionText.backTo(valueText, open.thresholdText(), thresholds.comparison().direction() != 0);
        };
        if (DiskFacts.applies(rule)) {
            // what brought usage down, when the agent did it
            String cleanup = disks.cleanup(reading.hostId(), reading.labels().get("mount"), open.startsAt());
            sentence = cleanup == null ? sentence : sentence + "; " + cleanup;
        }
        AlertRecord closed = open.toBuilder()
                .value(reading.value(), valueText)
                .hostLabelsJson(hostLabelsJson)
                .predictedAt(reading.predictedAt())
                .build();
        return resolve(closed, now, Resolution.RECOVERED, sentence);
    }

    /** Closes an open alert for the reason given, keeping its last value. */
    public static AlertTransition resolve(AlertRecord open, long now, Resolution why, String sentence) {
        AlertRecord resolved = open.resolved(now, why, sentence);
        List<AlertEventKind> events = open.firingAt() != null ? List.of(AlertEventKind.RESOLVED) : List.of();
        return new AlertTransition(open, resolved, events);
    }

    private static AlertRecord render(Rule rule, Reading reading, AlertRecord.Builder a, Severity severity,
                                      Thresholds thresholds, long now, String hostLabelsJson, DiskFacts disks,
                                      Map<String, String> extraVars) {
        Double threshold = rule.kind() == RuleKind.TREND ? rule.level() : thresholds.level(severity);
        Long until = untilMillis(reading, now);
        Map<String, String> vars = AlertText.vars(rule, reading.host(), reading.labels(), reading.value(), threshold,
                severity.wire(), until);
        if (!extraVars.isEmpty()) {
            vars = new java.util.HashMap<>(vars);
            vars.putAll(extraVars);
        }
        String summary = explained(rule, reading, vars, disks);
        return a.host(reading.hostId(), reading.host())
                .hostLabelsJson(hostLabelsJson)
                .severity(severity)
                .value(reading.value(), AlertText.valueText(rule, reading.value(), reading.dividend(), until))
                .threshold(threshold, AlertText.thresholdText(rule, threshold))
                .texts(summary, emptyToNull(AlertText.render(rule.description(), vars)),
                        AlertText.render(rule.runbook(), vars), AlertText.runbookUrl(rule, vars))
                .updatedAt(now)
                .predictedAt(reading.predictedAt())
                .build();
    }

    /**
     * The summary, for a disk rule followed by "largest: …; cleanup freed …" when the agent measured them (unless
     * the rule's own template places {{largest_dirs}}), so every message and the API carry the explanation.
     */
    private static String explained(Rule rule, Reading reading, Map<String, String> vars, DiskFacts disks) {
        if (!DiskFacts.applies(rule)) {
            return AlertText.render(rule.summary(), vars);
        }
        String mount = reading.labels().get("mount");
        String largest = disks.largest(reading.hostId(), mount);
        vars.put("largest_dirs", largest == null ? "" : largest);
        String summary = AlertText.render(rule.summary(), vars);
        String why = disks.explain(reading.hostId(), mount);
        return why == null || rule.summary().contains("largest_dirs") ? summary : summary + " — " + why;
    }

    @Nullable
    private static Long untilMillis(Reading reading, long now) {
        return reading.predictedAt() == null ? null : reading.predictedAt() - now;
    }

    @Nullable
    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
