package dev.vigil.evaluate;

import dev.vigil.core.alert.AlertEventsRecorded;
import dev.vigil.core.host.HostRegistry;
import dev.vigil.core.sample.Sample;
import dev.vigil.core.sample.SampleBatchWriter;
import dev.vigil.core.testing.Sql;
import dev.vigil.core.time.AdjustableClock;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Given the local schedule, when a cycle records alert events, then AlertEventsRecorded is published
 * (a notify pass in the same process starts at once); after a cycle without events nothing is, and a
 * listener that throws does not break evaluation. The timer itself is parked: the test ticks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EvaluationHandOffScenarios implements TestPropertyProvider {

    static final String ENV = "hand-off";

    /** A fresh database of the engine under test. */
    abstract Map<String, String> database();

    /** The schedule exists but its timer is parked: the test ticks it. */
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(database());
        p.put("vigil.evaluate.schedule.enabled", "true");
        p.put("vigil.evaluate.initial-delay", "1h");
        return p;
    }

    @Inject
    EvaluationSchedule schedule;
    @Inject
    Recorder recorder;
    @Inject
    AdjustableClock clock;
    @Inject
    HostRegistry hosts;
    @Inject
    SampleBatchWriter writer;
    @Inject
    DataSource dataSource;

    @Test
    void aCycleWithEventsHandsThemToNotifyAndOneWithoutDoesNotAndAFailingListenerChangesNothing() {
        int host = hosts.register("handoff-01").orElseThrow().host().id();
        tick(host, 50);
        assertEquals(List.of(), recorder.seen, "no alert events, nothing to hand off");

        long firing = tick(host, 95);
        assertEquals(List.of(new AlertEventsRecorded(1, firing)), recorder.seen);

        tick(host, 95);
        assertEquals(1, recorder.seen.size(), "still firing: no new events, no hand-off");

        recorder.failing = true;
        long resolved = tick(host, 50);
        assertEquals(new AlertEventsRecorded(1, resolved), recorder.seen.get(1));
        assertEquals(1, Sql.count(dataSource, "SELECT COUNT(*) FROM alerts WHERE host = 'handoff-01' AND state = 'resolved'"
                + " AND resolution = 'recovered'"), "the cycle committed although its listener threw");
        assertEquals(4, Sql.count(dataSource, "SELECT COUNT(*) FROM job_runs WHERE job = 'evaluate' AND ok"));

        recorder.failing = false;
        long again = tick(host, 95);
        assertEquals(new AlertEventsRecorded(1, again), recorder.seen.get(2), "the next cycle hands off as before");
    }

    private long tick(int host, double usedPercent) {
        clock.advance(Duration.ofSeconds(15));
        writer.write(host, List.of(new Sample("disk_used_percent", Map.of("mount", "/"), clock.millis(), usedPercent)));
        schedule.evaluate();
        return clock.millis();
    }

    /** Stands in for notify's listener; can be told to fail. */
    @Singleton
    @Requires(env = ENV)
    static class Recorder implements ApplicationEventListener<AlertEventsRecorded> {
        final List<AlertEventsRecorded> seen = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void onApplicationEvent(AlertEventsRecorded event) {
            seen.add(event);
            if (failing) {
                throw new IllegalStateException("listener broke");
            }
        }
    }
}
