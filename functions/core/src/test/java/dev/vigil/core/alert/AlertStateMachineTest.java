package dev.vigil.core.alert;

import dev.vigil.core.rules.Rule;
import dev.vigil.core.rules.RuleSet;
import dev.vigil.core.rules.RuleSetLoader;
import dev.vigil.core.rules.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle of one fingerprint, step by step: given the open row and a reading at time t, then
 * this row and these events. Pure: no database, no clock.
 */
class AlertStateMachineTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_763_600_000_000L;
    private static final String RULES = """
            rules:
              - name: CpuHigh
                metric: cpu_usage_percent
                aggregation: avg
                window: 5m
                op: ">"
                warning: 80
                critical: 90
                clear: 75
                for: 5m
                unit: percent
                summary: "{{host}}: CPU at {{value}}"
              - name: LoadHigh
                metric: load5
                aggregation: last
                op: ">"
                warning: 4
                unit: number
                summary: "{{host}}: load {{value}}"
            """;
    private static final RuleSet RULE_SET = new RuleSetLoader(MINUTE).parse(RULES, "test", null);
    private static final Rule CPU = rule("CpuHigh");
    private static final Rule LOAD = rule("LoadHigh");

    @Test
    void aCrossingIsPendingUntilItHeldForItsForThenFires() {
        AlertTransition crossed = step(CPU, 85, null, T0);
        assertEquals(AlertState.PENDING, crossed.after().state());
        assertEquals(Severity.WARNING, crossed.after().severity());
        assertEquals(List.of(AlertEventKind.PENDING), crossed.events());
        assertEquals(Fingerprint.of("CpuHigh", "db-01", "{}"), crossed.after().fingerprint());
        assertNull(crossed.after().firingAt());

        AlertTransition stillPending = step(CPU, 86, crossed.after(), T0 + 4 * MINUTE);
        assertEquals(AlertState.PENDING, stillPending.after().state());
        assertEquals(List.of(), stillPending.events());

        AlertTransition fired = step(CPU, 87, stillPending.after(), T0 + 5 * MINUTE);
        assertEquals(AlertState.FIRING, fired.after().state());
        assertEquals(List.of(AlertEventKind.FIRING), fired.events());
        assertEquals(T0 + 5 * MINUTE, fired.after().firingAt());
        assertEquals(T0, fired.after().startsAt());
    }

    @Test
    void aRuleWithoutForFiresAtOnce() {
        AlertTransition t = step(LOAD, 5, null, T0);
        assertEquals(AlertState.FIRING, t.after().state());
        assertEquals(T0, t.after().firingAt());
        assertEquals(List.of(AlertEventKind.FIRING), t.events());
    }

    @Test
    void nothingHappensBelowTheLevelsWithoutAnOpenAlert() {
        assertNull(step(CPU, 50, null, T0));
    }

    @Test
    void aFiringAlertThatCrossesTheOtherLevelChangesSeverity() {
        AlertRecord firing = firing(CPU, 85);
        AlertTransition t = step(CPU, 95, firing, T0 + 10 * MINUTE);
        assertEquals(Severity.CRITICAL, t.after().severity());
        assertEquals(AlertState.FIRING, t.after().state());
        assertEquals(List.of(AlertEventKind.SEVERITY_CHANGED), t.events());
    }

    @Test
    void theClearLevelHoldsTheAlertOpenUntilTheValuePassesIt() {
        AlertRecord firing = firing(CPU, 85);
        AlertTransition between = step(CPU, 78, firing, T0 + 10 * MINUTE);
        assertEquals(AlertState.FIRING, between.after().state(), "78 is under the warning level but above clear (75)");
        assertEquals(List.of(), between.events());

        AlertTransition cleared = step(CPU, 74, between.after(), T0 + 11 * MINUTE);
        assertEquals(AlertState.RESOLVED, cleared.after().state());
        assertEquals(Resolution.RECOVERED, cleared.after().resolution());
        assertEquals(T0 + 11 * MINUTE, cleared.after().endsAt());
        assertEquals(List.of(AlertEventKind.RESOLVED), cleared.events());
        assertTrue(cleared.after().resolutionText().startsWith("back to"), cleared.after().resolutionText());
        assertEquals(74.0, cleared.after().value());
    }

    @Test
    void aPendingAlertThatClearsIsClosedWithoutAResolvedEvent() {
        AlertRecord pending = step(CPU, 85, null, T0).after();
        AlertTransition t = step(CPU, 70, pending, T0 + MINUTE);
        assertEquals(AlertState.RESOLVED, t.after().state());
        assertEquals(List.of(), t.events(), "nothing was announced for it, so nothing is taken back");
    }

    @Test
    void resolvingSaysWhyAndKeepsTheLastValue() {
        AlertRecord firing = firing(CPU, 85);
        for (Resolution why : List.of(Resolution.NO_DATA, Resolution.NOT_EVALUATED, Resolution.RECOVERED)) {
            AlertTransition t = AlertStateMachine.resolve(firing, T0 + 20 * MINUTE, why, "because");
            assertEquals(AlertState.RESOLVED, t.after().state());
            assertEquals(why, t.after().resolution());
            assertEquals("because", t.after().resolutionText());
            assertEquals(T0 + 20 * MINUTE, t.after().endsAt());
            assertEquals(T0 + 20 * MINUTE, t.after().updatedAt());
            assertEquals(firing.value(), t.after().value());
            assertEquals(List.of(AlertEventKind.RESOLVED), t.events());
            assertEquals(firing, t.before());
        }
    }

    private static AlertRecord firing(Rule rule, double value) {
        AlertRecord pending = step(rule, value, null, T0).after();
        return step(rule, value, pending, T0 + 5 * MINUTE).after().toBuilder().id(7L).build();
    }

    private static AlertTransition step(Rule rule, double value, AlertRecord open, long now) {
        Reading reading = new Reading(1, "db-01", "{}", value, value, null);
        return AlertStateMachine.step(rule, rule.thresholds(), reading, open, now, "{}", DiskFacts.NONE, Map.of());
    }

    private static Rule rule(String name) {
        return RULE_SET.rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
