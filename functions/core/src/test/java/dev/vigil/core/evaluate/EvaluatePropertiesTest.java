package dev.vigil.core.evaluate;

import dev.vigil.core.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** vigil.evaluate.* is checked when evaluation starts: a bad value stops it with the key named. */
class EvaluatePropertiesTest {

    @Test
    void theDefaultsAreFiveMinutesStaleAndFiveHundredNewAlertsPerRule() {
        try (ApplicationContext ctx = ApplicationContext.run(new HashMap<>(TestDatabase.freshH2()), "test")) {
            EvaluateProperties p = ctx.getBean(EvaluateProperties.class);
            assertEquals(Duration.ofMinutes(5), p.getStaleAfter());
            assertEquals(500, p.getMaxNewAlertsPerRule());
            ctx.getBean(EvaluationCycle.class);
        }
    }

    @Test
    void aStaleAfterNotLongerThanTheHostDownWindowIsRefused() {
        assertRefused(Map.of("vigil.evaluate.stale-after", "30s"), "vigil.evaluate.stale-after");
        assertRefused(Map.of("vigil.evaluate.stale-after", "-1m"), "vigil.evaluate.stale-after");
        assertRefused(Map.of("vigil.evaluate.stale-after", "0s"), "vigil.evaluate.stale-after");
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertRefused(Map.of("vigil.evaluate.max-new-alerts-per-rule", "0"), "maxNewAlertsPerRule");
    }

    @Test
    void aShardOutsideTheShardCountIsRefused() {
        assertRefused(Map.of("vigil.evaluate.shards", "4", "vigil.evaluate.shard", "4"), "vigil.evaluate.shard");
        assertRefused(Map.of("vigil.evaluate.shards", "0"), "shards");
        assertRefused(Map.of("vigil.evaluate.shards", "65"), "shards");
    }

    @Test
    void aConfiguredShardRunsUnderItsOwnJobName() {
        Map<String, Object> props = new HashMap<>(TestDatabase.freshH2());
        props.putAll(Map.of("vigil.evaluate.shards", "4", "vigil.evaluate.shard", "3"));
        try (ApplicationContext ctx = ApplicationContext.run(props, "test")) {
            assertEquals(new EvaluationShard(3, 4), ctx.getBean(EvaluateProperties.class).shard());
            ctx.getBean(EvaluationCycle.class).runOnce().orElseThrow();
            dev.vigil.core.job.JobRunRecorder runs = ctx.getBean(dev.vigil.core.job.JobRunRecorder.class);
            assertTrue(runs.lastSuccessAt("evaluate-3of4").isPresent());
            assertTrue(runs.lastSuccessAt("evaluate").isEmpty());
        }
    }

    private static void assertRefused(Map<String, String> setting, String named) {
        Map<String, Object> props = new HashMap<>(TestDatabase.freshH2());
        props.putAll(setting);
        try (ApplicationContext ctx = ApplicationContext.run(props, "test")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ctx.getBean(EvaluationCycle.class));
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertTrue(messages.toString().contains(named), messages.toString());
        }
    }
}
